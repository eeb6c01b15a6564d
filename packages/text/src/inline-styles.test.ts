import { describe, expect, it } from 'vitest';
import { allowedStyleDeclarations } from './inline-styles.ts';

describe('allowedStyleDeclarations', () => {
  it('keeps the declarations of a WeChat paragraph in their order', () => {
    expect(allowedStyleDeclarations('font-size: 15px; line-height:1.75;text-align:justify; color: rgb(51, 51, 51);')).toEqual([
      ['font-size', '15px'],
      ['line-height', '1.75'],
      ['text-align', 'justify'],
      ['color', 'rgb(51, 51, 51)'],
    ]);
  });

  it('drops properties and values outside the policy, as the server does', () => {
    expect(allowedStyleDeclarations('position:fixed;color:red;font-family:宋体;width:calc(100% - 2px);mso-line-height-rule:exactly;text-align:start;margin:0 auto')).toEqual([
      ['color', 'red'],
      ['margin', '0 auto'],
    ]);
    expect(allowedStyleDeclarations('COLOR: red; : x; color')).toEqual([]);
    expect(allowedStyleDeclarations('')).toEqual([]);
  });

  it('writes a property once, the last value given winning as in CSS, and keeps !important', () => {
    expect(allowedStyleDeclarations('color:#333;font-size:14px;color:#c00000 !important')).toEqual([
      ['font-size', '14px'],
      ['color', '#c00000 !important'],
    ]);
  });
});
