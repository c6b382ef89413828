import "../styles/base.css";
import "../styles/wall.css";
import { api } from "../shared/api";
import { ConnectionBadge } from "../shared/connection-badge";
import type { AlertList, CityTrend } from "../shared/contract";
import { districtName } from "../shared/districts";
import { byId, byTestId, setText } from "../shared/dom";
import { RiskHub, type ConnectionState } from "../shared/hub";
import { onLanguageChange, t } from "../shared/i18n";
import { requireSession } from "../shared/login-redirect";
import { setUpHeader } from "../shared/page-header";
import { isWholeCity, type Session } from "../shared/session";
import { AlertTicker } from "./alert-ticker";
import { startClock } from "./clock";
import { DistrictMap } from "./district-map";
import { DistrictTable } from "./district-table";
import { FrameStore, viewOfDistrict, type WallView } from "./frame-store";
import { KpiTiles } from "./kpi-tiles";
import { LatencyReadout } from "./latency-readout";
import { ResponseTimesFeed } from "./response-times-feed";
import { ResponseTimesPanel } from "./response-times-panel";
import { fitStage } from "./stage-scale";
import { ModelFeed } from "./model-feed";
import { ModelLine } from "./model-line";
import { TargetsFeed } from "./targets-feed";
import { TargetsPanel } from "./targets-panel";
import { TopList } from "./top-list";
import { TrendBuffer, trendIntervalMs } from "./trend-buffer";
import { TrendChart } from "./trend-chart";

// A wall nobody touches should not stay on one district: after this long it returns to the city.
const drillDownIdleMs = 5 * 60_000;

function districtScope(code: string): string {
  return `district:${code}`;
}

function startWall(session: Session): void {
  const scale = fitStage(byId("stage"));
  const store = new FrameStore();
  const kpis = new KpiTiles();
  const topList = new TopList(byTestId("top-list"), byId("top-empty"), {
    entity: byTestId<HTMLButtonElement>("top-tab-entity"),
    equipment: byTestId<HTMLButtonElement>("top-tab-equipment"),
  });
  const targets = new TargetsPanel(byTestId("targets"), byTestId("plan-progress"));
  const targetsFeed = new TargetsFeed((figures, plans) => targets.update(figures, plans));
  // Supervisors and admins see how well the model ranks; the line stays hidden for everyone else.
  const modelLine = session.role === "supervisor" || session.role === "admin" ? new ModelLine(byTestId("model-quality")) : null;
  const modelFeed = modelLine ? new ModelFeed((model) => modelLine.update(model)) : null;
  const ticker = new AlertTicker(byTestId("alert-ticker"), byId("ticker-empty"));
  const tableElement = byTestId<HTMLTableElement>("district-table");
  const table = new DistrictTable(tableElement.tBodies[0] ?? tableElement.createTBody());
  const map = new DistrictMap(byTestId("district-map"), scale, (code) => drillDown(code));
  const trendBuffer = new TrendBuffer();
  const trend = new TrendChart(byTestId("trend-chart"), scale);
  const latency = new LatencyReadout(byTestId("latency"));
  const responseTimes = new ResponseTimesPanel(byTestId("response-times"));
  // One feed for the panel and the map's tooltip: the same figures, one request at a time.
  const responseFeed = new ResponseTimesFeed((districts) => {
    responseTimes.update(districts);
    map.setResponseTimes(districts);
  });
  const badge = new ConnectionBadge(byTestId("connection-state"));
  const scopeName = byId("scope-name");
  const backButton = document.querySelector<HTMLButtonElement>('[data-action="back"]');
  startClock(byId("clock-date"), byId("clock-time"));

  // What this user may watch as "home": the city, or each district of their jurisdiction.
  const wholeCity = isWholeCity(session);
  const homeScopes = wholeCity ? ["city"] : session.districts.map(districtScope);
  let selected: string | null = null;
  let drillDownTimer: number | undefined;
  let connection: ConnectionState = "disconnected";
  // Server clock minus this PC's, so trend points appended here line up with the server's history.
  let serverOffsetMs = 0;
  let renderQueued = false;

  const hub = new RiskHub({
    frame: (frame, kind) => {
      if (!store.apply(frame, kind)) return;
      const generated = Date.parse(frame.generatedAt);
      if (Number.isFinite(generated)) serverOffsetMs = generated - Date.now();
      if (kind === "delta") latency.observe(frame.maxIngestedAt);
      // A user without the city history starts the lines with the first frame, not 10 s later.
      if (trendBuffer.points.length === 0) appendTrendPoint(true);
      queueRender();
    },
    alert: (alert) => {
      ticker.push(alert);
      responseFeed.alertChanged();
    },
    state: (state) => {
      connection = state;
      badge.set(state);
    },
    watchRejected: (scope) => {
      if (selected !== null && scope === districtScope(selected)) back();
      else console.warn(`The server refused to watch ${scope}.`);
    },
    ready: () => {
      void seedTrend();
      void seedTicker();
    },
  });

  setUpHeader(session, () => hub.stop());
  onLanguageChange(() => render());
  backButton?.addEventListener("click", () => back());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && selected !== null) back();
  });

  function homeView(): WallView | null {
    return store.combine(homeScopes);
  }

  function selectedView(home: WallView | null): WallView | null {
    if (selected === null) return home;
    const own = store.get(districtScope(selected));
    if (own) return own;
    const fromHome = home?.districts.find((d) => d.code === selected);
    return fromHome ? viewOfDistrict(fromHome) : null;
  }

  // Frames can come several times a second per scope; draw at most once per animation frame.
  function queueRender(): void {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => {
      renderQueued = false;
      render();
    });
  }

  function render(): void {
    const home = homeView();
    if (home) {
      map.update(home.districts, selected);
      table.update(home.districts);
    }
    const view = selectedView(home);
    if (view) {
      kpis.update(view);
      topList.update(view.topEntities, view.topEquipment);
    }
    responseTimes.select(selected);
    setText(scopeName, selected !== null ? districtName(selected) : t(wholeCity ? "wall.scope.city" : "wall.scope.jurisdiction"));
  }

  function drillDown(code: string): void {
    if (code === selected) return;
    if (!wholeCity && !session.districts.includes(code)) return;
    leaveDistrict();
    selected = code;
    const scope = districtScope(code);
    if (!homeScopes.includes(scope)) hub.watch(scope);
    if (backButton) backButton.hidden = false;
    drillDownTimer = window.setTimeout(() => back(), drillDownIdleMs);
    render();
  }

  function back(): void {
    leaveDistrict();
    selected = null;
    if (backButton) backButton.hidden = true;
    render();
  }

  function leaveDistrict(): void {
    window.clearTimeout(drillDownTimer);
    if (selected === null) return;
    const scope = districtScope(selected);
    if (!homeScopes.includes(scope)) {
      hub.unwatch(scope);
      store.forget(scope);
    }
  }

  async function seedTrend(): Promise<void> {
    // The city trend is a whole-city read; a user limited to some districts builds theirs from frames.
    if (!wholeCity) return;
    try {
      const history = await api<CityTrend>("/api/v1/city/trend");
      trendBuffer.seed(history.points);
      trend.update(trendBuffer.points);
    } catch {
      // The lines fill from live frames instead.
    }
  }

  async function seedTicker(): Promise<void> {
    try {
      const alerts = await api<AlertList>("/api/v1/alerts?limit=50");
      ticker.seed(alerts.items);
    } catch {
      // Live alert events still fill the ticker.
    }
  }

  // One trend point per ~10 s from the latest state: frames come only when something changed, so a
  // quiet city still gets its points. Nothing is appended while the data may be stale.
  function appendTrendPoint(frameJustArrived = false): void {
    const home = homeView();
    if (!home || (!frameJustArrived && connection !== "connected")) return;
    if (trendBuffer.append(Date.now() + serverOffsetMs, home.counts, home.signalsPerMinute)) trend.update(trendBuffer.points);
  }
  window.setInterval(() => appendTrendPoint(), trendIntervalMs);

  for (const scope of homeScopes) hub.watch(scope);
  hub.start();
  responseFeed.start();
  targetsFeed.start();
  modelFeed?.start();
  render();
}

const session = requireSession();
if (session) startWall(session);
