/**
 * Detectors of personal data in text already passed through normalizeForMatching (ASCII digits, lower case).
 * Each returns the spans it found, in order, with the matched text as value.
 */
export type PiiMatch = { start: number; end: number; value: string };

function collect(text: string, pattern: RegExp, accept: (value: string) => boolean = () => true): PiiMatch[] {
  const found: PiiMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (accept(m[0])) found.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  return found;
}

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckDigits = '10x98765432';

/** GB 11643: the 18th character is the weighted sum of the first 17 modulo 11, mapped through 10X98765432. */
export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * idWeights[i];
  return idCheckDigits[sum % 11];
}

function plausibleBirthDate(yyyymmdd: string, today = new Date()): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day && date.getTime() <= today.getTime();
}

export function isResidentId(candidate: string): boolean {
  if (!/^[1-9]\d{16}[\dx]$/i.test(candidate)) return false;
  return plausibleBirthDate(candidate.slice(6, 14)) && residentIdCheckDigit(candidate) === candidate[17].toLowerCase();
}

const residentIdPattern = /(?<!\d)[1-9]\d{16}[\dx](?!\d)/gi;

/** 18-character mainland resident ID numbers with a valid check digit and a birth date that can exist. */
export function findResidentIds(text: string): PiiMatch[] {
  return collect(text, residentIdPattern, isResidentId);
}

/** 1[3-9] and ten digits, whole or as 3-4-4 with one kind of separator, after an optional +86/0086/86. */
const mobilePattern = /(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:\d{8}|( |-)\d{4}\1\d{4})(?!\d)/g;

export function findMobileNumbers(text: string): PiiMatch[] {
  return collect(text, mobilePattern);
}

/** The ten or eleven digits a mobile number dials, without its country prefix or separators. */
export function mobileDigits(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length > 11 ? digits.slice(-11) : digits;
}

/**
 * Fixed-line numbers with an area code (028-85422114, (028)85422114, 02885422114, an extension after - or 转)
 * and 400/800 service numbers. They are not personal data; the checker uses them to keep their digits from
 * being read as a mobile or card number.
 */
const landlinePattern = /(?<![\d-])(?:\(0\d{2,3}\) ?|0\d{2,3}[ -]?)[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?(?!\d)|(?<![\d-])[48]00[ -]?\d{3}[ -]?\d{4}(?!\d)/g;

export function findLandlines(text: string): PiiMatch[] {
  return collect(text, landlinePattern);
}

const medicalRecordPattern = /(?:住院病案号|住院号|病案号|门诊号|病历号|就诊卡号|就诊号|id号)(?:为|是)?[:\s]*(?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{3,}/g;

/**
 * A hospital identifier with its label: 住院号：2023001234, 病案号 A-10023. The value must hold a digit, so
 * 门诊号 followed by an English word is not one.
 */
export function findMedicalRecordNumbers(text: string): PiiMatch[] {
  return collect(text, medicalRecordPattern);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 13 to 19 digits, whole or in groups of four (the last group shorter) with one kind of separator. */
const bankCardPattern = /(?<![\d-])(?<!\d[ -])(?:\d{13,19}(?!\d)|\d{4}( |-)\d{4}\1\d{4}(?:\1\d{4})?(?:\1\d{1,4})?(?![ -]?\d))/g;

/** Bank card numbers: Luhn-valid, 13 to 19 digits, and not a resident ID number. */
export function findBankCards(text: string): PiiMatch[] {
  return collect(text, bankCardPattern, (value) => {
    const digits = value.replace(/\D/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !isResidentId(digits);
  });
}
