import { validateUscc, type EnterpriseImportRow } from '@assess/shared';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A valid USCC for demo data: 91 (enterprise) + a 6-digit area code + a 9-character body, with
 * the check character found by asking the shared validator (the rule stays written once).
 */
export function demoUscc(areaCode: string, serial: number): string {
  const body = `91${areaCode}${String(100000000 + serial * 7919).slice(-9)}`;
  for (const check of USCC_ALPHABET) {
    const candidate = body + check;
    if (validateUscc(candidate).ok) return candidate;
  }
  throw new Error(`no check character for ${body}`);
}

const companies: Array<[region: string, city: string, name: string, track: string, title: string, specialized?: boolean]> = [
  ['广东省', '广州市', '广州穗智新材料科技有限公司', '申报优势', '无', true],
  ['广东省', '广州市', '广州南沙海洋装备有限公司', '申报示范', '优势企业'],
  ['广东省', '佛山市', '佛山顺德智能家电股份有限公司', '考核', '优势企业', true],
  ['广东省', '东莞市', '东莞松湖光电技术有限公司', '复核', '优势企业'],
  ['广东省', '珠海市', '珠海横琴芯片设计有限公司', '申报优势', '无', true],
  ['广东省', '惠州市', '惠州仲恺新能源电池有限公司', '考核', '示范企业'],
  ['深圳市', '深圳市', '深圳前海云算科技有限公司', '申报优势', '无', true],
  ['深圳市', '深圳市', '深圳南山无人机系统有限公司', '申报示范', '优势企业', true],
  ['深圳市', '深圳市', '深圳光明生物医药股份有限公司', '考核', '优势企业'],
  ['深圳市', '深圳市', '深圳坪山精密制造有限公司', '复核', '示范企业'],
  ['深圳市', '深圳市', '深圳龙岗通信设备有限公司', '申报优势', '无'],
  ['北京市', '', '北京中关村量子信息技术有限公司', '申报优势', '无', true],
  ['北京市', '', '北京亦庄机器人股份有限公司', '申报示范', '优势企业', true],
  ['北京市', '', '北京昌平医疗器械有限公司', '考核', '优势企业'],
  ['北京市', '', '北京海淀软件服务有限公司', '复核', '优势企业'],
  ['江苏省', '南京市', '南京江北集成电路有限公司', '申报优势', '无', true],
  ['江苏省', '苏州市', '苏州工业园区纳米材料有限公司', '申报示范', '优势企业', true],
  ['江苏省', '无锡市', '无锡物联网感知技术有限公司', '考核', '示范企业'],
  ['江苏省', '常州市', '常州光伏新能源股份有限公司', '申报优势', '无'],
  ['浙江省', '杭州市', '杭州滨江数字安防有限公司', '申报示范', '优势企业', true],
  ['浙江省', '杭州市', '杭州余杭电商科技有限公司', '申报优势', '无'],
  ['浙江省', '温州市', '温州瓯海智能电气有限公司', '考核', '优势企业', true],
  ['浙江省', '绍兴市', '绍兴柯桥纺织新材料有限公司', '复核', '优势企业'],
  ['山西省', '太原市', '太原钢铁新材料研究有限公司', '申报优势', '无'],
  ['山西省', '大同市', '大同煤基新材料有限公司', '考核', '优势企业'],
  ['山西省', '长治市', '长治光电半导体有限公司', '申报示范', '优势企业', true],
  ['宁波市', '宁波市', '宁波北仑港口智能装备有限公司', '申报优势', '无', true],
  ['宁波市', '宁波市', '宁波镇海石化新材料有限公司', '考核', '优势企业'],
  ['青岛市', '青岛市', '青岛崂山海洋生物科技有限公司', '申报优势', '无'],
  ['青岛市', '青岛市', '青岛西海岸家电研发有限公司', '申报示范', '优势企业', true],
];

const AREA_CODES: Record<string, string> = {
  广东省: '440100', 深圳市: '440300', 北京市: '110108', 江苏省: '320100', 浙江省: '330100', 山西省: '140100', 宁波市: '330200', 青岛市: '370200',
};

/** About thirty demo enterprises across eight regions, including 广东 and 深圳 (its own region). */
export function demoEnterpriseRows(): EnterpriseImportRow[] {
  return companies.map(([region, city, name, track, title, specialized], index) => ({
    uscc: demoUscc(AREA_CODES[region] ?? '110000', index + 1),
    name,
    region,
    city,
    track,
    titleHeld: title,
    specialized: specialized ? '是' : '否',
    littleGiant: specialized && index % 3 === 0 ? '是' : '否',
    centralSoe: '否',
    contact1Name: '张明',
    contact1Phone: `1380000${String(1000 + index)}`,
    contact1Email: `ip${index + 1}@example.com`,
  }));
}

export const demoStaff = [
  { username: 'admin', displayName: '国家知识产权局（演示）', role: 'national' as const, regionCode: null, cityCode: null, password: 'Admin2026demo' },
  { username: 'guangdong', displayName: '广东省知识产权局（演示）', role: 'region' as const, regionCode: '440000', cityCode: null, password: 'Guangdong2026' },
  { username: 'shenzhen', displayName: '深圳市知识产权局（演示）', role: 'region' as const, regionCode: '440300', cityCode: null, password: 'Shenzhen2026' },
  { username: 'guangzhou', displayName: '广州市知识产权局（演示）', role: 'city' as const, regionCode: '440000', cityCode: '440100', password: 'Guangzhou2026' },
];
