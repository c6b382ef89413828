// A plain live view of the city for the embedded mode: polls /api/v1/city with the key the user types.
// The key stays in this tab's sessionStorage only.
(() => {
  const keyInput = document.getElementById("api-key");
  const status = document.getElementById("status");
  let timer = null;

  const cell = (text, className) => {
    const td = document.createElement("td");
    td.textContent = text ?? "";
    if (className) td.className = className;
    return td;
  };

  const row = (cells) => {
    const tr = document.createElement("tr");
    cells.forEach((c) => tr.appendChild(c));
    return tr;
  };

  const render = (city) => {
    for (const level of ["blue", "yellow", "orange", "red"]) {
      document.getElementById(`count-${level}`).textContent = city.counts[level].toLocaleString();
    }
    document.getElementById("districts").replaceChildren(...city.districts.map((d) => row([
      cell(d.code), cell(`${d.name} ${d.nameEn}`),
      cell(d.counts.blue.toLocaleString()), cell(d.counts.yellow.toLocaleString(), "level-yellow"),
      cell(d.counts.orange.toLocaleString(), "level-orange"), cell(d.counts.red.toLocaleString(), "level-red"),
    ])));
    document.getElementById("top").replaceChildren(...city.top.map((s) => row([
      cell(s.id), cell(s.name), cell(s.district), cell(s.score.toFixed(1), `level-${s.level}`),
      cell(s.reason ? `${s.reason.zh} · ${s.reason.en}` : ""),
    ])));
    document.getElementById("tiles").hidden = false;
    document.getElementById("tables").hidden = false;
  };

  const refresh = async () => {
    const key = sessionStorage.getItem("riskengine-key");
    if (!key) return;
    try {
      const response = await fetch("/api/v1/city", { headers: { "X-Api-Key": key } });
      if (response.status === 401 || response.status === 403) {
        status.textContent = "API key 无效或无读取权限 · The key is unknown or lacks the read scope.";
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      render(await response.json());
      status.textContent = `更新于 Updated ${new Date().toLocaleTimeString()}`;
    } catch (error) {
      status.textContent = `连接失败 · Cannot reach the engine: ${error.message}`;
    }
  };

  document.getElementById("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem("riskengine-key", keyInput.value.trim());
    keyInput.value = "";
    refresh();
    clearInterval(timer);
    timer = setInterval(refresh, 2000);
  });

  if (sessionStorage.getItem("riskengine-key")) {
    refresh();
    timer = setInterval(refresh, 2000);
  }
})();
