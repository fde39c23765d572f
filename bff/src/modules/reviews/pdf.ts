import { reviewPurposeLabels, titleLabels, trackLabels, type PackageSnapshot, type Title } from '@assess/shared';
import { renderPdf, type PdfSection } from '../../lib/pdf';

const score = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const outcomeLabels = { pass: '初核通过', fail: '初核不通过', below_line: '未达合格线' } as const;

/**
 * The package as the bureau prints, seals and scans it: A4, in Chinese; the lists with USCC,
 * score, track and the 专精特新 mark; the 考核/复核 results; the 评审情况; and on every page the
 * document number, the date, the page numbers and the SHA-256 of the package's contents.
 */
export function packagePdf(snapshot: PackageSnapshot, digest: string): Promise<Buffer> {
  const date = snapshot.submittedAt.slice(0, 10);
  const listSection = (title: Title): PdfSection => {
    const entries = snapshot.lists[title];
    const places = entries.filter((entry) => entry.place !== null).length;
    return {
      heading: `${titleLabels[title]}推荐名单（${places} 家占名额 / 名额 ${snapshot.quota[title]} 家；合格线 ${snapshot.passLines[title]} 分）`,
      table: {
        columns: [
          { header: '序号', width: 5, align: 'center' },
          { header: '企业名称', width: 25 },
          { header: '统一社会信用代码', width: 20 },
          { header: '地市', width: 8 },
          { header: '参加类型', width: 9 },
          { header: '测评成绩', width: 9, align: 'right' },
          { header: '专精特新', width: 8, align: 'center' },
          { header: '评审意见', width: 16 },
        ],
        rows: entries.map((entry) => [
          entry.place === null ? '不占' : String(entry.place),
          entry.name,
          entry.uscc,
          entry.cityName,
          trackLabels[entry.track as keyof typeof trackLabels] ?? entry.track,
          score(entry.total),
          entry.specialized ? '是' : '',
          [entry.reviewScore === null ? null : `评审 ${score(entry.reviewScore)} 分`, entry.reviewOpinion, entry.priorityReason ? `推荐理由：${entry.priorityReason}` : null].filter(Boolean).join('；'),
        ]),
        empty: '（本次不推荐）',
      },
      notes: entries.some((entry) => entry.place === null) ? ['序号为“不占”的是中央企业一级公司：由所在地区推荐，不占推荐名额。'] : [],
    };
  };
  return renderPdf({
    title: `${snapshot.campaign.year}年国家知识产权优势企业和示范企业推荐材料`,
    meta: [`${snapshot.region.name}知识产权局 · ${snapshot.campaign.name}`, `文号 ${snapshot.documentNumber} · 上报日期 ${date}`],
    sections: [
      listSection('advantage'),
      listSection('demonstration'),
      {
        heading: `考核、复核初核结果（${snapshot.reviewResults.filter((result) => result.outcome === 'pass').length} 项通过 / 共 ${snapshot.reviewResults.length} 项）`,
        table: {
          columns: [
            { header: '企业名称', width: 25 },
            { header: '统一社会信用代码', width: 20 },
            { header: '地市', width: 8 },
            { header: '类别', width: 12 },
            { header: '测评成绩', width: 9, align: 'right' },
            { header: '合格线', width: 8, align: 'right' },
            { header: '初核结果', width: 10 },
            { header: '理由', width: 12 },
          ],
          rows: snapshot.reviewResults.map((result) => [
            result.name,
            result.uscc,
            result.cityName,
            `${titleLabels[result.line]}${reviewPurposeLabels[result.purpose]}`,
            score(result.total),
            score(result.passLine),
            outcomeLabels[result.outcome],
            result.reason ?? '',
          ]),
          empty: '（本地区无考核、复核企业）',
        },
      },
      { heading: '评审情况', paragraphs: snapshot.summary.split(/\n+/).filter((line) => line.trim() !== '') },
    ],
    closing: [`${snapshot.region.name}知识产权局（盖章）`, `${date}`],
    head: `${snapshot.region.name} · ${snapshot.documentNumber} · 第 ${snapshot.version} 版`,
    foot: (page, pages) => [`第 ${page} 页 / 共 ${pages} 页 · ${snapshot.documentNumber} · ${date}`, `材料摘要 SHA-256：${digest}`],
    info: { title: `${snapshot.region.name} ${snapshot.documentNumber}`, author: `${snapshot.region.name}知识产权局`, createdAt: new Date(snapshot.submittedAt) },
  });
}
