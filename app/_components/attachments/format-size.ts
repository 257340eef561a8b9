// "26 bytes", "312 kB", "1.5 MB": file sizes as the chips and Settings show them. English spells plain bytes out (its
// short form is not plural: "26 byte"); other languages keep the short form, as for kB and MB ("26 B", not "26字节"
// beside "44 kB"). Sizes round up, so that a file over a limit never reads as the limit itself ("21 MB", not "20 MB",
// beside "Larger than 20 MB.").
export function formatSize(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const format = new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: unit === 0 && locale.startsWith("en") ? "long" : "short",
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
    roundingMode: "ceil",
  });
  return format.format(value);
}
