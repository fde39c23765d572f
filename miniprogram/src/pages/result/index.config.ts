export default definePageConfig({ navigationBarTitleText: '测评成绩' });
