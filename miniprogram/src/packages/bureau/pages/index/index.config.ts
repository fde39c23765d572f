export default definePageConfig({ navigationBarTitleText: '知识产权局工作台' });
