import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadReportKit } from './office-report.ts';
import { docxPictures, pngSignature } from './office-report.fixture.ts';
import type { ChartSpec } from './report-charts.ts';

const chart: ChartSpec = {
  width: 400,
  height: 200,
  option: { xAxis: { type: 'category', data: ['党办', '团支部'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [3, 5] }] },
};

describe('the report kit’s figure', () => {
  it('embeds the chart as an SVG with a PNG fallback, at its size, captioned under it', async () => {
    const { docx, figure } = await loadReportKit();
    const document = new docx.Document({ sections: [{ children: await figure(chart, '图1　测试图') }] });
    const content = new Uint8Array(await docx.Packer.toBuffer(document));

    const [picture, ...others] = docxPictures(content);
    expect(others).toEqual([]);
    expect(picture.title).toBe('图1　测试图');
    expect(picture.svg.path).toMatch(/^word\/media\/[^/]+\.svg$/);
    expect(picture.svg.text).toContain('>团支部</text>');
    expect(picture.png.path).toMatch(/^word\/media\/[^/]+\.png$/);
    expect([...picture.png.bytes.subarray(0, 8)]).toEqual(pngSignature);

    const xml = strFromU8(unzipSync(content)['word/document.xml']);
    // 400 × 200 px at 96 to the inch, in EMUs (914400 to the inch).
    expect(xml).toContain('<wp:extent cx="3810000" cy="1905000"/>');
    expect(xml.indexOf('</w:drawing>')).toBeLessThan(xml.indexOf('>图1　测试图</w:t>'));
  });
});
