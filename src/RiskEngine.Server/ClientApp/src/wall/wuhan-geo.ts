import { registerMap } from "echarts/core";
import geoText from "../../../../../seeds/geo/wuhan-districts.geojson?raw";

// Wuhan's 13 districts (seeds/geo/README.md names the source). Each feature carries
// properties.code (GB/T 2260), which the map series uses as the region name.
export const wuhanMapName = "wuhan";

let registered = false;

export function registerWuhanMap(): void {
  if (registered) return;
  registerMap(wuhanMapName, JSON.parse(geoText) as Parameters<typeof registerMap>[1]);
  registered = true;
}
