import { useId } from 'react';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Optional colour (a codebook tag's); the theme's accent otherwise. */
  color?: string;
  lang?: string;
}

/**
 * A horizontal bar chart in plain SVG and HTML: a figure whose caption names
 * it and whose table is the text alternative (screen readers read the table,
 * the bars are decoration). Bars grow from the inline start, so Arabic mirrors
 * them with no code. Why not a charting library: see README, "Libraries".
 */
export function BarChart({
  title,
  bars,
  formatValue,
  valueHeader,
  categoryHeader,
  testId,
}: {
  title: string;
  bars: readonly Bar[];
  formatValue(value: number): string;
  valueHeader: string;
  categoryHeader: string;
  testId?: string;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <figure className="chart" aria-labelledby={id} data-testid={testId}>
      <figcaption id={id} className="chart-title">
        {title}
      </figcaption>
      <table className="chart-table">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{categoryHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.key} className="chart-row">
              <th scope="row" className="chart-label" lang={bar.lang}>
                {bar.color ? (
                  <span className="tag-swatch" style={{ backgroundColor: bar.color }} aria-hidden="true" />
                ) : null}
                <bdi>{bar.label}</bdi>
              </th>
              <td className="chart-value">
                <span className="bar-track" aria-hidden="true">
                  <svg className="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                    <rect
                      className="bar-fill"
                      x="0"
                      y="0"
                      height="10"
                      width={(bar.value / max) * 100}
                      style={bar.color ? { fill: bar.color } : undefined}
                    />
                  </svg>
                </span>
                <span className="chart-number">{formatValue(bar.value)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** A meter of how much of a whole is done (read of all), with its words beside it. */
export function ProgressMeter({
  label,
  value,
  max,
  text,
}: {
  label: string;
  value: number;
  max: number;
  text: string;
}) {
  return (
    <div className="progress-meter">
      <span className="progress-meter-label">{label}</span>
      <progress max={Math.max(1, max)} value={value} aria-label={label} />
      <span className="chart-number">{text}</span>
    </div>
  );
}
