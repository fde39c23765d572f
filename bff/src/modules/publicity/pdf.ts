import { toBeijingIso } from '@assess/shared';
import { renderPdf } from '../../lib/pdf';
import type { PublicityService } from './service';

type ExportData = Awaited<ReturnType<PublicityService['exportRows']>>;

/** The 公示 list, or once certified the 认定名单 and the review results, as a printable PDF carrying its digest on every page. */
export function publicityPdf(data: ExportData, now: Date): Promise<Buffer> {
  const what = data.certified ? '认定名单' : '公示名单';
  const date = toBeijingIso(data.certifiedAt ?? now).slice(0, 10);
  const columns = [
    { header: '类别', width: 14 },
    { header: '地区', width: 14 },
    { header: '序号', width: 8, align: 'center' as const },
    { header: '企业名称', width: 34 },
    { header: '统一社会信用代码', width: 20 },
    { header: '结果', width: 10 },
  ];
  const rows = (items: ExportData['entries']) => items.map((row) => [row.kind, row.regionName, row.place, row.name, row.uscc, row.outcome]);
  return renderPdf({
    title: `${data.campaign.year}年国家知识产权优势企业和示范企业${what}`,
    meta: [data.campaign.name, `${data.certified ? '认定日期' : '导出日期'} ${date}`],
    sections: [
      { heading: `拟${data.certified ? '认定' : '推荐'}企业（${data.entries.length} 家）`, table: { columns, rows: rows(data.entries), empty: '（无）' } },
      { heading: `考核、复核结果（${data.results.length} 项）`, table: { columns, rows: rows(data.results), empty: '（无）' } },
    ],
    head: `${data.campaign.name} · ${what}`,
    foot: (page, pages) => [`第 ${page} 页 / 共 ${pages} 页 · ${date}`, `名单摘要 SHA-256：${data.digest ?? '—'}`],
    info: { title: `${data.campaign.name} ${what}`, author: '国家知识产权局', createdAt: data.certifiedAt ?? now },
  });
}
