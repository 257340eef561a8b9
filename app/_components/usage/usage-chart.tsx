"use client";

import { useEffect, useRef } from "react";

type UsageChartProps = {
  labels: string[];
  series: { label: string; values: number[]; color: string }[];
  /** What the chart shows, for screen readers (the table under it holds the same figures). */
  ariaLabel: string;
};

// chart.js (about 70 KB gzipped with only the bar chart's parts) is loaded when a chart first renders, in a chunk of
// its own: no other page pays for it.
async function loadChart() {
  const chart = await import("chart.js");
  chart.Chart.register(
    chart.BarController,
    chart.BarElement,
    chart.CategoryScale,
    chart.LinearScale,
    chart.Legend,
    chart.Tooltip,
  );
  return chart.Chart;
}

/** A stacked bar chart of token counts. */
export function UsageChart({ labels, series, ariaLabel }: UsageChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let isCurrent = true;
    let destroy = () => {};
    void loadChart().then((Chart) => {
      if (!isCurrent || !canvas.current) return;
      const chart = new Chart(canvas.current, {
        type: "bar",
        data: {
          labels,
          datasets: series.map((serie) => ({ label: serie.label, data: serie.values, backgroundColor: serie.color })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
        },
      });
      destroy = () => chart.destroy();
    });
    return () => {
      isCurrent = false;
      destroy();
    };
  }, [labels, series]);
  return (
    <div className="relative h-56 w-full">
      <canvas ref={canvas} role="img" aria-label={ariaLabel} data-testid="usage-chart" />
    </div>
  );
}
