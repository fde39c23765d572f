export default definePageConfig({ navigationBarTitleText: '合格线' });
