/**
 * Seminar Desk targets Node 24 (LTS; `engines` in package.json). Node 22.12+
 * and 20.19+ still build and run it, so a newcomer is told and carries on;
 * anything older cannot build the app (Vite 7 needs 20.19 or 22.12), so
 * `npm start` stops at once with one message instead of a stack trace later.
 * Returns null on a supported Node.
 */
export function nodeVersionNote(version) {
  const [major, minor] = version.split('.').map(Number);
  const install =
    'Install Node 24 (https://nodejs.org, or `nvm install 24`), then run `npm install && npm start` again.';
  if (major < 20 || (major === 20 && minor < 19) || major === 21 || (major === 22 && minor < 12) || major === 23)
    return {
      fatal: true,
      message: `Seminar Desk needs Node 24; this is Node ${version}, too old to build the app. ${install}`,
    };
  if (major < 24) {
    const why = major === 20 ? 'no longer gets security fixes' : 'is not the Node Seminar Desk is tested on';
    return {
      fatal: false,
      message: `Note: Node ${version} ${why}; Seminar Desk targets Node 24 (LTS). Starting anyway. ${install}`,
    };
  }
  return null;
}
