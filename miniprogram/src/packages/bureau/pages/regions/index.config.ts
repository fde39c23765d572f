export default definePageConfig({ navigationBarTitleText: '全国地区一览' });
