/**
 * For tests: the filled shapes ECharts drew for a series' data (bars, line symbols), read from the `ecmeta_*`
 * attributes its server-side renderer writes on each element; the series' legend icon and mark lines are left out.
 */
export function seriesShapes(svg: string, seriesIndex: number) {
  return [...svg.matchAll(/<path\b[^>]*>/g)]
    .map(([element]) => element)
    .filter((e) => e.includes(`ecmeta_series_index="${seriesIndex}"`) && e.includes('ecmeta_ssr_type="chart"') && !e.includes('fill="none"'))
    .map((e) => ({ fill: e.match(/\bfill="([^"]*)"/)?.[1], dataIndex: Number(e.match(/\becmeta_data_index="(\d+)"/)?.[1]) }));
}
