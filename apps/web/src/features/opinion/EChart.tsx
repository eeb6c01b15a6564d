import { useEffect, useRef, useState } from 'react';
import { Skeleton } from 'antd';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

/** ECharts loads on the first chart shown, in a chunk of its own: pages without charts never fetch it. */
const loadECharts = () => import('./echarts-setup');

/** One chart: sized by its box, redrawn when `option` changes, disposed on unmount. */
export function EChart({ option, height = 280, dark = false, label }: { option: EChartsCoreOption; height?: number; dark?: boolean; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  const [ready, setReady] = useState(false);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void loadECharts().then(({ echarts }) => {
      if (disposed || !box.current) return;
      chart.current = echarts.init(box.current, dark ? 'dark' : undefined);
      chart.current.setOption(latest.current);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
      setReady(false);
    };
  }, [dark]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div role="img" aria-label={label} style={{ position: 'relative', height }}>
      <div ref={box} style={{ position: 'absolute', inset: 0 }} />
      {!ready && <Skeleton active paragraph={{ rows: 4 }} style={{ position: 'absolute', inset: 0, pointerEvents: 'none', opacity: 0.4 }} />}
    </div>
  );
}
