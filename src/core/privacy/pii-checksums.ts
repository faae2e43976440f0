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

/** Luhn over 13-19 digits, the lengths payment cards use. */
export function isLuhnCardNumber(value: string): boolean {
  const d = digitsOf(value);
  if (d.length < 13 || d.length > 19 || allSame(d)) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i += 1) {
    const fromRight = d.length - 1 - i;
    let digit = d[i];
    if (fromRight % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
