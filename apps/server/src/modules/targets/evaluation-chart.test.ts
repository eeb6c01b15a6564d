import { describe, expect, it } from 'vitest';
import { chartColors, renderChart } from '../../platform/report-charts.ts';
import { seriesShapes } from '../../platform/report-charts.fixture.ts';
import { completionChart, timeElapsed } from './evaluation-chart.ts';
import type { EvaluationDepartment } from './targets.tables.ts';

const department = (departmentId: number, departmentName: string, rate: number | null): EvaluationDepartment => ({
  departmentId,
  departmentName,
  items: 2,
  counted: rate === null ? 0 : 2,
  rate,
  score: rate === null ? null : Math.min(rate, 1) * 100,
  rank: null,
});

const departments = [department(1, '党办', 0.32), department(2, '基保科', 1.18), department(3, '团支部', 0.71), department(4, '检验科', null), department(5, '药剂科', 0.45)];

describe('timeElapsed', () => {
  it('is the share of the window passed when the evaluation was taken, at most all of it', () => {
    const window = { windowFrom: '2025-01-01T00:00:00.000Z', windowTo: '2025-01-11T00:00:00.000Z' };
    expect(timeElapsed({ ...window, asOf: '2025-01-04T00:00:00.000Z' })).toBeCloseTo(0.3, 9);
    expect(timeElapsed({ ...window, asOf: window.windowTo })).toBe(1);
  });
});

describe('completionChart', () => {
  it('draws one bar per department with a rate, highest first, red when behind the time elapsed', () => {
    const svg = renderChart(completionChart(departments, 0.5)!);
    const labels = [...svg.matchAll(/>([^<]*)<\/text>/g)].map(([, label]) => label);
    // Top to bottom, as the ranking reads; 检验科 has nothing counted.
    expect(labels.filter((label) => departments.some((d) => d.departmentName === label))).toEqual(['基保科', '团支部', '药剂科', '党办']);
    expect(seriesShapes(svg, 0).map((bar) => bar.fill)).toEqual([chartColors.primary, chartColors.primary, chartColors.warning, chartColors.warning]);
    expect(svg).toContain('>118.0%</text>');
    expect(svg).toContain('>目标 100%</text>');
    expect(svg).toContain('>时间进度 50.0%</text>');
  });

  it('marks only the target once the window is over', () => {
    const svg = renderChart(completionChart(departments, 1)!);
    expect(svg).toContain('>目标 100%</text>');
    expect(svg).not.toContain('时间进度');
    expect(seriesShapes(svg, 0).map((bar) => bar.fill)).toEqual([chartColors.primary, ...Array(3).fill(chartColors.warning)]);
  });

  it('grows with the departments, and draws nothing when none has a rate', () => {
    const many = Array.from({ length: 40 }, (_, i) => department(i + 1, `科室${i + 1}`, i / 40));
    const chart = completionChart(many, 1)!;
    expect(chart.height).toBeGreaterThan(completionChart(departments, 1)!.height);
    expect(chart.height).toBeLessThanOrEqual(900);
    expect(seriesShapes(renderChart(chart), 0)).toHaveLength(40);
    expect(completionChart([department(1, '检验科', null)], 1)).toBeNull();
  });
});
