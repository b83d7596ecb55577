import type { HistorySummary } from '../../../core/types';
import { chartGeometry, chartSummary } from '../lib/chart';
import { formatMs } from '../lib/format';

const WIDTH = 600;
const HEIGHT = 140;

/** 24 h of latency in a fixed-size SVG: the line is successful probes, red ticks are failures. */
export function LatencyChart({ history, now }: { history: HistorySummary; now: number }) {
  const geometry = chartGeometry(history.samples, { width: WIDTH, height: HEIGHT, now });
  const empty = history.samples.length === 0;
  const uptime = history.uptimePct === null ? '—' : `${history.uptimePct.toFixed(history.uptimePct >= 99.95 || history.uptimePct === 0 ? 0 : 1)} %`;
  return (
    <figure className="chart">
      <figcaption className="chart-caption">
        <span>
          Uptime (24 h): <strong data-testid="uptime">{uptime}</strong>
        </span>
        <span>p50 {formatMs(history.p50Ms)}</span>
        <span>p95 {formatMs(history.p95Ms)}</span>
        <span>{history.samples.length} checks</span>
      </figcaption>
      <svg
        className="chart-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`}
        width="100%"
        preserveAspectRatio="none"
        role="img"
        aria-label={chartSummary(history, now)}
        data-testid="chart"
      >
        {geometry.ticks.map((tick) => (
          <g key={tick.ms}>
            <line className="chart-grid" x1={0} x2={WIDTH} y1={tick.y} y2={tick.y} />
            <text className="chart-label" x={4} y={tick.y + 12}>
              {tick.ms} ms
            </text>
          </g>
        ))}
        <line className="chart-axis" x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} />
        {geometry.failures.map((x, i) => (
          <line key={i} className="chart-failure" x1={x} x2={x} y1={HEIGHT - 18} y2={HEIGHT} />
        ))}
        {geometry.line && <path className="chart-line" d={geometry.line} vectorEffect="non-scaling-stroke" />}
        <text className="chart-label" x={0} y={HEIGHT + 14}>
          24 h ago
        </text>
        <text className="chart-label" x={WIDTH} y={HEIGHT + 14} textAnchor="end">
          now
        </text>
        {empty && (
          <text className="chart-empty" x={WIDTH / 2} y={HEIGHT / 2} textAnchor="middle">
            No checks yet
          </text>
        )}
      </svg>
    </figure>
  );
}
