import { describe, expect, it } from 'vitest';
import { keptStyle } from './editor-styles';

describe('keptStyle', () => {
  it('keeps what the server keeps, written as the server writes it', () => {
    expect(keptStyle('section', 'margin: 16px 8px; padding:12px;position:absolute; background-color: #f5f9ff')).toBe('margin:16px 8px;padding:12px;background-color:#f5f9ff');
    expect(keptStyle('image', 'width:100%;height:auto')).toBe('width:100%');
    expect(keptStyle('paragraph', 'font-family:宋体')).toBeNull();
    expect(keptStyle('paragraph', null)).toBeNull();
  });

  it('leaves to their own attributes the alignment of paragraphs and cells and the colours of text', () => {
    expect(keptStyle('paragraph', 'text-align:center;font-size:15px')).toBe('font-size:15px');
    expect(keptStyle('heading', 'text-align:right')).toBeNull();
    expect(keptStyle('textStyle', 'color:#c00000;background-color:#fff2cc;font-size:16px')).toBe('font-size:16px');
    // A cell's own alignment knows left, right and centre; justified cells keep it here.
    expect(keptStyle('tableCell', 'text-align:center;padding:4px')).toBe('padding:4px');
    expect(keptStyle('tableHeader', 'text-align:justify')).toBe('text-align:justify');
    // Elsewhere nothing else reads them.
    expect(keptStyle('section', 'text-align:center;color:#333')).toBe('text-align:center;color:#333');
    expect(keptStyle('bold', 'color:#c00000')).toBe('color:#c00000');
  });
});
