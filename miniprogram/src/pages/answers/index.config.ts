export default definePageConfig({ navigationBarTitleText: '提交的答案' });
