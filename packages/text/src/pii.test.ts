import { describe, expect, it } from 'vitest';
import { normalizeForMatching } from './normalize.ts';
import { findBankCards, findLandlines, findMedicalRecordNumbers, findMobileNumbers, findResidentIds, isResidentId, mobileDigits, residentIdCheckDigit } from './pii.ts';

const n = (s: string) => normalizeForMatching(s).text;
const values = (found: { value: string }[]) => found.map((f) => f.value);

/** A Luhn check digit appended to a number. */
const withLuhn = (digits: string) => {
  for (let d = 0; d <= 9; d++) {
    const candidate = digits + d;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let x = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
};

const luhnValid = (digits: string) => withLuhn(digits.slice(0, -1)) === digits;

/** A valid resident ID whose digits also pass Luhn, to show that an ID is never read as a card. */
const idLuhnValid = (() => {
  for (let seq = 100; seq < 1000; seq++) {
    const first17 = `44052419800101${seq}`;
    const id = first17 + residentIdCheckDigit(first17);
    if (/^\d+$/.test(id) && luhnValid(id)) return id;
  }
  throw new Error('no such ID');
})();

describe('findResidentIds', () => {
  const valid = `11010519491231002${residentIdCheckDigit('11010519491231002')}`;
  const wrong = `11010519491231002${valid.endsWith('1') ? '2' : '1'}`;

  it('finds an 18-character ID with a valid GB 11643 check digit, X included', () => {
    expect(valid.at(-1)).toBe('x');
    expect(values(findResidentIds(n(`身份证号：${valid.toUpperCase()}。`)))).toEqual([valid]);
    expect(isResidentId(idLuhnValid)).toBe(true);
  });

  it('refuses a wrong check digit, an impossible birth date and a longer digit run', () => {
    expect(findResidentIds(n(`身份证号：${wrong}`))).toEqual([]);
    const feb30 = `11010519490230001`;
    expect(isResidentId(feb30 + residentIdCheckDigit(feb30))).toBe(false);
    const future = `11010530000101001`;
    expect(isResidentId(future + residentIdCheckDigit(future))).toBe(false);
    expect(findResidentIds(`9${valid}`)).toEqual([]);
    expect(findResidentIds(`${valid}9`)).toEqual([]);
  });
});

describe('findMobileNumbers', () => {
  it('finds mobile numbers whole, grouped 3-4-4 by spaces or dashes, with a country prefix, and in full width', () => {
    expect(values(findMobileNumbers(n('电话13800138000，或138 0013 8000，或138-0013-8000，或+86 139 0000 1111，或１３８００１３８０００')))).toEqual([
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 139 0000 1111',
      '13800138000',
    ]);
  });

  it('refuses numbers inside longer digit runs, mixed separators and numbers that are not mobile', () => {
    expect(findMobileNumbers('订单号2138001380001')).toEqual([]);
    expect(findMobileNumbers('138 0013-8000')).toEqual([]);
    expect(findMobileNumbers('12800138000')).toEqual([]);
  });

  it('reduces a number to the eleven digits it dials', () => {
    expect(mobileDigits('+86 138-0013-8000')).toBe('13800138000');
    expect(mobileDigits('028-85420120')).toBe('02885420120');
  });
});

describe('findLandlines', () => {
  it('finds numbers with an area code, extensions and 400/800 service numbers', () => {
    expect(values(findLandlines(n('总机028-85422114，急诊（028）85422999，010 65123456，02885420120，028-85422114-8001，热线400-800-1234，800 123 4567')))).toEqual([
      '028-85422114',
      '(028)85422999',
      '010 65123456',
      '02885420120',
      '028-85422114-8001',
      '400-800-1234',
      '800 123 4567',
    ]);
  });
});

describe('findMedicalRecordNumbers', () => {
  it('covers the label and the value, with or without a colon', () => {
    expect(values(findMedicalRecordNumbers(n('患者（住院号：2023001234）和病案号 A-10023，门诊号为MZ20240101，就诊卡号0012345')))).toEqual([
      '住院号:2023001234',
      '病案号 a-10023',
      '门诊号为mz20240101',
      '就诊卡号0012345',
    ]);
  });

  it('needs a value of four or more characters holding a digit', () => {
    expect(findMedicalRecordNumbers('住院号：123，门诊号 hello')).toEqual([]);
  });
});

describe('findBankCards', () => {
  const card19 = withLuhn('622202020000000000');
  const grouped = card19.replace(/(\d{4})(?=\d)/g, '$1 ');

  it('finds Luhn-valid numbers of 13 to 19 digits, whole or grouped in fours', () => {
    expect(grouped).toBe(`6222 0202 0000 0000 ${card19.slice(16)}`);
    expect(values(findBankCards(`卡号${grouped}，${card19}，4111-1111-1111-1111`))).toEqual([grouped, card19, '4111-1111-1111-1111']);
  });

  it('refuses a Luhn-invalid number, a resident ID and a longer digit run', () => {
    const invalid = card19.slice(0, -1) + ((Number(card19.at(-1)) + 1) % 10);
    expect(findBankCards(invalid)).toEqual([]);
    expect(findBankCards(idLuhnValid)).toEqual([]);
    expect(findBankCards(`1234 ${grouped}`)).toEqual([]);
  });
});
