import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pngSignature } from './office-report.fixture.ts';
import { fallbackPng, renderChart, withDrawableText, type ChartSpec } from './report-charts.ts';

const spec: ChartSpec = {
  width: 400,
  height: 200,
  option: { xAxis: { type: 'category', data: ['党办', 'ICU'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [3, 5] }] },
};

describe('renderChart', () => {
  it('draws a standalone SVG of the given size, on white, in 宋体, with its Chinese labels', () => {
    const svg = renderChart(spec);
    expect(svg).toMatch(/^<svg [^>]*width="400" height="200"/);
    expect(svg).toContain('fill="#FFFFFF"');
    expect(svg).toContain('font-family:SimSun, 宋体');
    expect(svg).toContain('>党办</text>');
  });
});

describe('withDrawableText', () => {
  const svg = '<svg><text x="1">党办</text><text x="2">75.0%</text><text x="3">（条）</text><path d="M0 0"></path></svg>';

  it('keeps every label when the server draws Chinese and Latin', () => {
    expect(withDrawableText(svg, { han: true, latin: true })).toBe(svg);
  });

  it('drops the labels with Chinese, full-width punctuation too, when only Latin can be drawn', () => {
    expect(withDrawableText(svg, { han: false, latin: true })).toBe('<svg><text x="2">75.0%</text><path d="M0 0"></path></svg>');
  });

  it('drops every label when no glyph can be drawn, keeping the shapes', () => {
    expect(withDrawableText(svg, { han: false, latin: false })).toBe('<svg><path d="M0 0"></path></svg>');
  });
});

describe('fallbackPng', () => {
  it('rasterises the SVG at twice its size', async () => {
    const png = await fallbackPng(renderChart(spec));
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 800, height: 400 });
  });
});
