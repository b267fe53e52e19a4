import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** One step of the curve: when (Unix seconds) and the cumulative realized PnL after it. */
export interface PnlPoint {
  time: number;
  pnl: number;
}

const HEIGHT = 240;

/** Cumulative realized PnL over time as a stepped uPlot line, as wide as its container. */
export function PnlChart(props: { points: PnlPoint[]; currency: string }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = (): uPlot.AlignedData => [props.points.map((p) => p.time), props.points.map((p) => p.pnl)];

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        cursor: { y: false },
        scales: { x: { time: true } },
        series: [
          {},
          {
            label: `Realized PnL (${props.currency})`,
            stroke: "#1f6feb",
            fill: "rgba(31, 111, 235, 0.12)",
            width: 2,
            paths: uPlot.paths.stepped?.({ align: 1 }),
            points: { size: 6 },
          },
        ],
        axes: [{ stroke: "#57606a" }, { stroke: "#57606a", size: 70 }],
      },
      data(),
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, []); // made once: later points go in through setData below

  useEffect(() => {
    plot.current?.setData(data());
  }, [props.points]);

  return (
    <div
      class="chart"
      ref={container}
      role="img"
      aria-label={`Cumulative realized PnL over ${props.points.length} trades`}
    />
  );
}
