/** Check digits of Brazilian documents and payment cards: a number that fails them is not one. */

const digitsOf = (value: string): number[] => [...value.replace(/\D/g, '')].map(Number);
const allSame = (digits: number[]): boolean => digits.every((d) => d === digits[0]);

function mod11Digit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((total, weight, i) => total + weight * digits[i], 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

export function isValidCpf(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11 || allSame(d)) return false;
  const first = mod11Digit(d, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = mod11Digit(d, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d[9] === first && d[10] === second;
}

export function isValidCnpj(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 14 || allSame(d)) return false;
  const first = mod11Digit(d, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = mod11Digit(d, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d[12] === first && d[13] === second;
}

/** Luhn over 13-19 digits, the lengths payment cards use. Reads the characters in place: it runs on every candidate in a log line. */
export function isLuhnCardNumber(value: string): boolean {
  let count = 0;
  let sum = 0;
  let first = -1;
  let uniform = true;
  for (let i = value.length - 1; i >= 0; i -= 1) {
    const code = value.charCodeAt(i) - 48;
    if (code < 0 || code > 9) continue;
    if (first < 0) first = code;
    uniform &&= code === first;
    const doubled = count % 2 === 1 ? code * 2 : code;
    sum += doubled > 9 ? doubled - 9 : doubled;
    count += 1;
  }
  return count >= 13 && count <= 19 && !uniform && sum % 10 === 0;
}
