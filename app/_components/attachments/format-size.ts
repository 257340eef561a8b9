// "26 bytes", "312 kB", "1.5 MB": file sizes as the chips and Settings show them. English spells plain bytes out (its
// short form is not plural: "26 byte"); other languages keep the short form, as for kB and MB ("26 B", not "26字节"
// beside "44 kB"). Sizes round up, so that a file over a limit never reads as the limit itself ("21 MB", not "20 MB",
// beside "Larger than 20 MB."); one that rounds up to 1,024 of a unit reads as 1 of the next.
const UNITS = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;

const fractionDigitsOf = (value: number, unit: number) => (value < 10 && unit > 0 ? 1 : 0);

function roundUp(value: number, fractionDigits: number): number {
  const scale = 10 ** fractionDigits;
  return Math.ceil(value * scale) / scale;
}

export function formatSize(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (roundUp(value, fractionDigitsOf(value, unit)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const format = new Intl.NumberFormat(locale, {
    style: "unit",
    unit: UNITS[unit],
    unitDisplay: unit === 0 && locale.startsWith("en") ? "long" : "short",
    maximumFractionDigits: fractionDigitsOf(value, unit),
    roundingMode: "ceil",
  });
  return format.format(value);
}
