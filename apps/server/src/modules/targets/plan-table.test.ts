import { describe, expect, it } from 'vitest';
import { readPlanTable, type SheetRow } from './plan-table.ts';

const rows = (...cells: string[][]): SheetRow[] => cells.map((c, index) => ({ row: index + 1, cells: c }));

describe('reading a 目标任务分解表', () => {
  it('reads the seed layout: title, split headings, several targets of one department, blank continuation rows, 合计', () => {
    const { lines, problems } = readPlanTable(
      rows(
        ['2024年宣传工作目标任务分解表'],
        ['科\n室', '目标数', '责任人', '分管领导'],
        ['党\n办', '22篇信息\n20（报刊新闻报道）', '张华君', '李院长'],
        ['', '微博每月10条', '', ''],
        ['团支部', '1篇信息', '', ''],
        ['合计', '23篇信息', '', ''],
        ['注：本表由党办负责解释', '', '', ''],
      ),
    );
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      { row: 3, department: '党办', metric: 'info', target: 22, period: 'year', note: null, responsible: '张华君', supervisor: '李院长' },
      { row: 3, department: '党办', metric: 'newspaper_report', target: 20, period: 'year', note: null, responsible: '张华君', supervisor: '李院长' },
      { row: 4, department: '党办', metric: 'weibo', target: 10, period: 'month', note: null, responsible: '张华君', supervisor: '李院长' },
      { row: 5, department: '团支部', metric: 'info', target: 1, period: 'year', note: null, responsible: null, supervisor: null },
    ]);
  });

  it('reads the structured template', () => {
    const { lines, problems } = readPlanTable(
      rows(['科室', '指标', '目标数', '周期', '备注', '责任人', '分管领导'], ['基保科', '信息', '12', '', '其中5次群众宣传活动', 'zhanghj', ''], ['基保科', '微博', '10条', '月', '', '', '']),
    );
    expect(problems).toEqual([]);
    expect(lines.map((l) => [l.metric, l.target, l.period, l.note, l.responsible])).toEqual([
      ['info', 12, 'year', '其中5次群众宣传活动', 'zhanghj'],
      ['weibo', 10, 'month', null, null],
    ]);
  });

  it('gives every bad row its problem: unreadable targets, periods, repeats, two people in a cell, a wrong 合计', () => {
    const { problems } = readPlanTable(
      rows(
        ['科室', '目标数', '责任人', '分管领导'],
        ['院办', '若干篇信息', '', ''],
        ['信息科', '2篇信息', '王一、王二', ''],
        ['信息科', '3篇信息', '', ''],
        ['护理部', '', '', ''],
        ['合计', '9篇信息', '', ''],
      ),
    );
    expect(problems.map((p) => [p.row, p.messages['zh-CN']])).toEqual([
      [2, expect.stringContaining('没有数字')],
      [3, '责任人只能填写一人：王一、王二'],
      [5, '未填写目标数'],
      [4, expect.stringContaining('与第 3 行重复')],
      [6, '合计“9篇信息”与各科室之和 5 不符'],
    ]);
  });

  it('needs the 科室 and 目标数 headings', () => {
    expect(readPlanTable(rows(['部门名称x', '任务'])).problems[0].messages.en).toContain('No header row');
  });
});
