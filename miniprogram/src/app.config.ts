/**
 * Pages of the enterprise app live in the main package (≤ 800 KB on WeChat; checked by
 * scripts/weapp-size.mjs). The bureau and national dashboards go in the `packages/bureau`
 * subpackage, loaded only by staff, so enterprises never download them.
 */
export default defineAppConfig({
  pages: [
    'pages/entry/index',
    'pages/home/index',
    'pages/questionnaire/index',
    'pages/review/index',
    'pages/result/index',
    'pages/answers/index',
    'pages/workbook/index',
    // Public: anyone checks a receipt file, no login.
    'pages/verify/index',
  ],
  subPackages: [
    {
      // Staff only: login, overview (ECharts on H5), table, detail, quota; national: regions,
      // pass lines, admin tools. Nothing here is imported by the enterprise's pages.
      root: 'packages/bureau',
      pages: [
        'pages/index/index',
        'pages/login/index',
        'pages/enterprises/index',
        'pages/enterprise/index',
        'pages/quota/index',
        'pages/regions/index',
        'pages/passlines/index',
        'pages/admin/index',
        'pages/package/index',
        'pages/publicity/index',
        'pages/evidence/index',
        'pages/risks/index',
      ],
    },
    {
      // 示范评审材料 (an enterprise on the 申报示范 track above the line): its checklist, resumable uploads, receipt.
      root: 'packages/evidence',
      pages: ['pages/index/index'],
    },
    {
      // The public 公示 page (no login): anyone may open it during and after the period.
      root: 'packages/public',
      pages: ['pages/publicity/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f4f6fa',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '创新管理与知识产权国际标准测评',
    navigationBarTextStyle: 'black',
  },
});
