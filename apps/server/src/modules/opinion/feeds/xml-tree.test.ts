import { describe, expect, it } from 'vitest';
import { doctypeEntities } from './xml-tree.ts';

describe('doctypeEntities', () => {
  it('gives the replacement text of entities of plain text, character references read', () => {
    const entities = doctypeEntities(' rss [\n<!ENTITY hospital "某某医院">\n<!ENTITY copy \'&#169; &#x4E2D;\'>\n<!ENTITY gt2 "a > b">\n]');
    expect(Object.fromEntries(entities)).toEqual({ hospital: { text: '某某医院' }, copy: { text: '© 中' }, gt2: { text: 'a > b' } });
  });

  it('refuses entities that refer to others, hold markup or a character XML does not allow, or are external', () => {
    const entities = doctypeEntities(
      ' rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;"><!ENTITY amp2 "&#38;#38;"><!ENTITY tag "<b>x</b>"><!ENTITY nul "&#0;"><!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY pub PUBLIC "-//X//EN" "http://example.cn/x.ent">]',
    );
    expect(entities.get('lol')).toEqual({ text: 'lol' });
    for (const name of ['lol2', 'amp2', 'tag', 'nul']) expect(entities.get(name), name).toEqual({ refused: 'its replacement text is not plain text (it refers to other entities, or holds markup or a character XML forbids)' });
    for (const name of ['xxe', 'pub']) expect(entities.get(name), name).toEqual({ refused: 'it is external (SYSTEM or PUBLIC), and external entities are never read' });
  });

  it('ignores parameter entities, and processes no declaration after a reference to one (XML 1.0 §5.1)', () => {
    const entities = doctypeEntities(' rss [<!ENTITY before "1"><!ENTITY % ext SYSTEM "x.ent">%ext;<!ENTITY after "2">]');
    expect(Object.fromEntries(entities)).toEqual({ before: { text: '1' }, after: { refused: 'it is declared after a parameter entity that was not read' } });
  });

  it('keeps the first declaration of a name, never redeclares the predefined five, and skips comments and processing instructions', () => {
    const entities = doctypeEntities(' rss [<!-- <!ENTITY c "comment"> --><?pi <!ENTITY p "pi">?><!ENTITY a "first"><!ENTITY a "second"><!ENTITY lt "<">]');
    expect(Object.fromEntries(entities)).toEqual({ a: { text: 'first' } });
  });

  it('reads nothing without an internal subset, or from an unterminated declaration', () => {
    expect(doctypeEntities(' rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"').size).toBe(0);
    expect(doctypeEntities(' rss [<!ENTITY a "1"><!ENTITY b "2]').size).toBe(1);
  });
});
