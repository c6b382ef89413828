using System.Globalization;
using System.Net;
using System.Text;
using RiskEngine.Domain;
using RiskEngine.Domain.SpotChecks;
using RiskEngine.Storage.SpotChecks;

namespace RiskEngine.Server.SpotChecks;

/// <summary>
/// 一公开: a plan's public page, no login. From the moment it is drawn it shows the seed, the algorithm, the ratios and the
/// counts, so anyone can check the draw was fixed before anyone knew the list; the drawn entities and their results only
/// once the month is over, so no entity learns of its inspection in advance. Scores, sampling keys and inspectors are
/// never shown here.
/// </summary>
public static class PublicPlanPage
{
    public const string Path = "/public/plans";

    public static WebApplication MapPublicPlanPage(this WebApplication app)
    {
        app.MapGet(Path + "/{id}", RenderAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> RenderAsync(string id, InspectionPlanStore store, RiskCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var plan = id.Length <= 100 ? await store.FindAsync(id, cancellationToken) : null;
        if (plan is null)
        {
            return Results.Problem(title: "Unknown plan", detail: $"There is no plan '{id}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var published = clock.GetUtcNow() >= InspectionPlanEndpoints.MonthEnd(plan, catalog);
        var tasks = published ? await store.TasksAsync(plan.Id, cancellationToken) : [];
        return Results.Content(Render(plan, catalog, published, tasks), "text/html; charset=utf-8");
    }

    private static string Render(InspectionPlanRecord plan, RiskCatalog catalog, bool published, IReadOnlyList<InspectionTaskRecord> tasks)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var district = catalog.Districts.FirstOrDefault(d => d.Code == plan.District);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>双随机抽查计划 ")
            .Append(E(plan.Id)).Append("</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .6rem;text-align:left}code{word-break:break-all}</style></head><body>")
            .Append("<h1>双随机、一公开 抽查计划 <small>Spot-check plan</small></h1>")
            .Append("<dl><dt>计划 Plan</dt><dd id=\"plan-id\">").Append(E(plan.Id)).Append("</dd>")
            .Append("<dt>辖区 District</dt><dd>").Append(E(district?.Zh)).Append(' ').Append(E(plan.District)).Append("</dd>")
            .Append("<dt>月份 Month</dt><dd>").Append(E(plan.Month)).Append("</dd>")
            .Append("<dt>随机种子 Seed</dt><dd><code id=\"seed\">").Append(E(plan.Seed)).Append("</code></dd>")
            .Append("<dt>抽取算法 Algorithm</dt><dd><code id=\"algorithm\">").Append(E(plan.Algorithm)).Append("</code></dd>")
            .Append("<dt>生成时间 Drawn at</dt><dd>").Append(plan.CreatedAt.ToString("u", CultureInfo.InvariantCulture)).Append("</dd></dl>")
            .Append("<h2>按信用风险分类抽查比例 Ratios and counts by credit class</h2><table id=\"counts\"><tr><th>分类 Class</th><th>比例 Ratio</th><th>主体数 Population</th><th>抽取数 Drawn</th></tr>");
        foreach (var creditClass in Enum.GetValues<CreditClass>())
        {
            var count = plan.Counts.GetValueOrDefault(creditClass) ?? new ClassCount(0, 0);
            html.Append("<tr><td>").Append(creditClass).Append("</td><td>")
                .Append(plan.Ratios.Of(creditClass).ToString("0.##%", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(count.Population).Append("</td><td>").Append(count.Drawn).Append("</td></tr>");
        }

        html.Append("</table>");
        if (!published)
        {
            html.Append("<p id=\"list-pending\">抽查名单及结果将于本月结束后公布。The list of entities and the results are published once the month is over.</p>");
        }
        else
        {
            html.Append("<h2>抽查名单及结果 Entities and results</h2><table id=\"results\"><tr><th>统一社会信用代码 USCC</th><th>名称 Name</th><th>分类 Class</th><th>结果 Result</th><th>问题数 Findings</th></tr>");
            foreach (var task in tasks)
            {
                html.Append("<tr><td>").Append(E(task.SubjectId)).Append("</td><td>").Append(E(task.SubjectName)).Append("</td><td>")
                    .Append(task.CreditClass).Append("</td><td>").Append(E(task.Result ?? "未检查 not inspected")).Append("</td><td>")
                    .Append(task.Findings).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }
}
