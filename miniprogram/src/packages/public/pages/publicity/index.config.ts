export default definePageConfig({ navigationBarTitleText: '国家知识产权优势企业和示范企业公示' });
