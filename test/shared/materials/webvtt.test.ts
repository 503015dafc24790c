import { describe, expect, it } from 'vitest';
import { cueAt, parseWebVtt, serializeWebVtt, WebVttError } from '../../../shared/materials/webvtt.js';

const SAMPLE = `\ufeffWEBVTT - briefing

NOTE written for the test
over two lines

STYLE
::cue { color: yellow }

intro
00:00.000 --> 00:02.500 align:start position:10%
<v Chair>Welcome to the <i>seminar</i> &amp; its work.

00:00:02.500 --> 00:00:05.000
States owe due diligence
in cyberspace.

01:00:00.000 --> 01:00:01.000
<script>alert(1)</script>Late &lt;cue&gt;
`;

describe('WebVTT subtitles', () => {
  it('reads cues as plain text: identifiers, settings, NOTE and STYLE blocks and cue markup left out', () => {
    expect(parseWebVtt(SAMPLE)).toEqual([
      { start: 0, end: 2.5, text: 'Welcome to the seminar & its work.' },
      { start: 2.5, end: 5, text: 'States owe due diligence\nin cyberspace.' },
      { start: 3600, end: 3601, text: 'alert(1)Late <cue>' },
    ]);
  });

  it('names the line of what is wrong', () => {
    expect(() => parseWebVtt('SRT\n')).toThrow(new WebVttError(1, 'a WebVTT file starts with "WEBVTT"'));
    expect(() => parseWebVtt('WEBVTT\n\n00:01.000 --> 00:00.500\nx')).toThrow(/line 3: a cue ends after it starts/);
    expect(() => parseWebVtt('WEBVTT\n\n1:2 --> 00:01.000\nx')).toThrow(/line 3: "1:2" is not a WebVTT time/);
    expect(() => parseWebVtt('WEBVTT\n\njust text')).toThrow(/line 3: a cue needs a timing line/);
  });

  it('writes cues back as a WebVTT file that reads the same, their text escaped', () => {
    const cues = parseWebVtt(SAMPLE);
    const file = serializeWebVtt(cues);
    expect(file.startsWith('WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n')).toBe(true);
    expect(file).toContain('Late &lt;cue&gt;');
    expect(parseWebVtt(file)).toEqual(cues);
  });

  it('finds the cue being spoken', () => {
    const cues = parseWebVtt(SAMPLE);
    expect(cueAt(cues, 0)).toBe(0);
    expect(cueAt(cues, 2.5)).toBe(1);
    expect(cueAt(cues, 10)).toBe(-1);
  });
});
