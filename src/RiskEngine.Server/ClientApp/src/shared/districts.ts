import seed from "../../../../../seeds/districts.json";
import { pick } from "./i18n";

// District names come from the repository's seed (GB/T 2260 codes), the same file the server loads,
// so an alert that carries only a code still shows a name.
export interface DistrictName {
  code: string;
  zh: string;
  en: string;
}

export const districtNames: readonly DistrictName[] = seed.districts.map((d) => ({ code: d.code, zh: d.zh, en: d.en }));

const byCode = new Map(districtNames.map((d) => [d.code, d]));

export function districtName(code: string): string {
  const found = byCode.get(code);
  return found ? pick(found.zh, found.en) : code;
}

export function isKnownDistrict(code: string): boolean {
  return byCode.has(code);
}
