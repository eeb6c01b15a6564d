import ExcelJS from 'exceljs';

/** 附件2 of seed 004, 2024年宣传工作目标任务分解表: each department with its targets as the table writes them. */
export const seedTable: [string, string[]][] = [
  ['党\n办', ['22篇信息', '20（报刊新闻报道）', '16（县电视台新闻报道，12篇新闻，4篇专题）', '微博每月10条']],
  ['团支部', ['1篇信息']], ['监察审计科', ['2篇信息']], ['基保科', ['12篇信息（其中5次群众宣传活动）']], ['健教科', ['4篇信息（健康知识宣讲）']],
  ['院\n办', ['3篇信息']], ['信息科', ['2篇信息']], ['妇幼信息科', ['2篇信息']], ['总务后勤科', ['1篇信息']], ['护理部', ['3篇信息']],
  ['医务科', ['3篇信息']], ['医保科', ['1篇信息']], ['院感科', ['3篇信息']], ['妇产科住院部', ['2篇信息']], ['手术室', ['1篇信息']],
  ['儿科住院部', ['2篇信息']], ['门妇科', ['2篇信息']], ['产前门诊', ['1篇信息']], ['儿保科', ['2篇信息']], ['婚保科', ['1篇信息']],
  ['体检科', ['1篇信息']], ['影像科', ['1篇信息']], ['人事科', ['3篇信息']], ['检验科', ['1篇信息']], ['药剂科', ['2篇信息']],
];

export const seedDepartmentNames = seedTable.map(([name]) => name.replace(/\s/g, ''));

/**
 * The table in the seed's layout, as an office would type it into Excel: a title, the split 科\n室 heading, 党办's
 * four targets under one merged cell, and the 合计 row. `people` fills 党办's 责任人 and 分管领导.
 */
export async function seedWorkbook(options: { year: number; total?: string; people?: [string, string] }) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件2');
  sheet.mergeCells('A1:D1');
  sheet.getCell('A1').value = `${options.year}年宣传工作目标任务分解表`;
  sheet.getRow(2).values = ['科\n室', '目标数', '责任人', '分管领导'];
  let row = 3;
  for (const [department, targets] of seedTable) {
    const people = department === '党\n办' && options.people ? options.people : ['', ''];
    targets.forEach((target, index) => {
      sheet.getRow(row + index).values = index === 0 ? [department, target, ...people] : [null, target];
    });
    if (targets.length > 1) sheet.mergeCells(row, 1, row + targets.length - 1, 1);
    row += targets.length;
  }
  sheet.getRow(row).values = ['合计', options.total ?? '78篇信息'];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
