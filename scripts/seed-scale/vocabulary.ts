// Vocabulary of the scale data set: places, organisations and the faults hospitals report.
// Combined by generate.ts with a seeded PRNG into millions of distinct but realistic requests.

/** Provinces with a few of their cities (prefecture level), for 2,000 organisations. */
export const PROVINCES: readonly (readonly [string, readonly string[]])[] = [
  ['北京市', ['北京市']],
  ['天津市', ['天津市']],
  ['上海市', ['上海市']],
  ['重庆市', ['重庆市']],
  ['河北省', ['石家庄市', '唐山市', '保定市', '邯郸市', '沧州市', '廊坊市']],
  ['山西省', ['太原市', '大同市', '长治市', '运城市']],
  ['内蒙古自治区', ['呼和浩特市', '包头市', '赤峰市', '鄂尔多斯市']],
  ['辽宁省', ['沈阳市', '大连市', '鞍山市', '锦州市']],
  ['吉林省', ['长春市', '吉林市', '延边州']],
  ['黑龙江省', ['哈尔滨市', '齐齐哈尔市', '大庆市', '牡丹江市']],
  ['江苏省', ['南京市', '苏州市', '无锡市', '常州市', '徐州市', '南通市', '扬州市']],
  ['浙江省', ['杭州市', '宁波市', '温州市', '绍兴市', '金华市', '台州市']],
  ['安徽省', ['合肥市', '芜湖市', '蚌埠市', '安庆市', '阜阳市']],
  ['福建省', ['福州市', '厦门市', '泉州市', '漳州市']],
  ['江西省', ['南昌市', '赣州市', '九江市', '上饶市']],
  ['山东省', ['济南市', '青岛市', '烟台市', '潍坊市', '临沂市', '济宁市', '淄博市']],
  ['河南省', ['郑州市', '洛阳市', '南阳市', '新乡市', '商丘市', '信阳市']],
  ['湖北省', ['武汉市', '宜昌市', '襄阳市', '荆州市', '黄冈市', '十堰市', '孝感市']],
  ['湖南省', ['长沙市', '株洲市', '湘潭市', '衡阳市', '岳阳市', '常德市']],
  ['广东省', ['广州市', '深圳市', '佛山市', '东莞市', '珠海市', '汕头市', '湛江市']],
  ['广西壮族自治区', ['南宁市', '柳州市', '桂林市', '玉林市']],
  ['海南省', ['海口市', '三亚市']],
  ['四川省', ['成都市', '绵阳市', '南充市', '宜宾市', '泸州市', '达州市']],
  ['贵州省', ['贵阳市', '遵义市', '毕节市']],
  ['云南省', ['昆明市', '曲靖市', '大理州', '红河州']],
  ['西藏自治区', ['拉萨市']],
  ['陕西省', ['西安市', '宝鸡市', '咸阳市', '榆林市']],
  ['甘肃省', ['兰州市', '天水市', '酒泉市']],
  ['青海省', ['西宁市']],
  ['宁夏回族自治区', ['银川市', '吴忠市']],
  ['新疆维吾尔自治区', ['乌鲁木齐市', '喀什地区', '伊犁州']],
];

export const HOSPITAL_SUFFIXES = [
  '第一人民医院',
  '第二人民医院',
  '第三人民医院',
  '人民医院',
  '中心医院',
  '中医院',
  '中西医结合医院',
  '妇幼保健院',
  '儿童医院',
  '肿瘤医院',
  '口腔医院',
  '眼科医院',
  '精神卫生中心',
  '传染病医院',
  '骨科医院',
  '康复医院',
  '第四人民医院',
  '第五人民医院',
  '急救中心',
  '血液中心',
] as const;
export const AGENCY_SUFFIXES = ['卫生健康委员会', '医疗保障局', '疾病预防控制中心', '卫生监督所', '社区卫生服务中心'] as const;
export const GRADES = ['三级甲等', '三级乙等', '二级甲等', '二级乙等', '一级'] as const;

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯鹏晨欣怡佳琪雪梅婷倩颖博涛睿'.split('');
export const CONTACT_TITLES = [
  '信息科主任',
  '信息科工程师',
  '网络管理员',
  '数据库管理员',
  '门诊部主任',
  '护士长',
  '财务科科长',
  '药剂科主任',
  '检验科主任',
  '医务科科长',
  '院长助理',
] as const;

/** Systems and modules, with the module code stored on the request. */
export const SYSTEMS: readonly (readonly [string, string])[] = [
  ['门诊收费系统', 'HIS'],
  ['挂号系统', 'HIS'],
  ['住院收费系统', 'HIS'],
  ['住院医生站', 'CIS'],
  ['门诊医生站', 'CIS'],
  ['护士工作站', 'NIS'],
  ['药房管理系统', 'HIS'],
  ['药库管理系统', 'HIS'],
  ['电子病历系统', 'EMR'],
  ['检验信息系统LIS', 'LIS'],
  ['影像归档系统PACS', 'PACS'],
  ['放射信息系统RIS', 'RIS'],
  ['医保结算接口', 'HIS'],
  ['体检管理系统', 'HIS'],
  ['手术麻醉系统', 'CIS'],
  ['自助服务机', 'PORTAL'],
  ['排队叫号系统', 'PORTAL'],
  ['互联网医院', 'PORTAL'],
  ['物资管理系统', 'HRP'],
  ['财务核算系统', 'HRP'],
  ['办公自动化OA', 'OA'],
];

/** Symptoms; `{s}` is the system, `{d}` a department, `{e}` a device. */
export const SYMPTOMS = [
  '{s}无法登录',
  '{s}登录超时',
  '{s}运行卡顿',
  '{s}报错退出',
  '{s}数据不同步',
  '{s}报表统计异常',
  '{s}升级后功能异常',
  '{s}无法保存',
  '{d}{s}打印乱码',
  '{d}打印机卡纸无法出票',
  '{d}打印机脱机',
  '{d}发票打印错位',
  '{d}网络中断',
  '{d}交换机掉线',
  '{d}无线网络信号差',
  '数据库置疑，{s}全部中断',
  '数据库连接池耗尽',
  '数据库死锁导致{s}卡死',
  '服务器磁盘空间不足',
  '服务器宕机',
  '医保结算失败',
  '医保目录对照错误',
  '{d}读卡器无法读取医保卡',
  '{d}扫码枪识别失败',
  '{s}接口中断',
  '{s}与LIS接口通讯失败',
  '{s}处方无法审核',
  '{s}医嘱无法下达',
  '{s}病历无法归档',
  '{s}密码重置',
  '{s}权限配置申请',
  '{d}新增收费项目',
  '{s}字典维护咨询',
  '{d}电脑中毒，{s}无法使用',
] as const;

export const DEPARTMENTS = [
  '门诊',
  '急诊',
  '内科病区',
  '外科病区',
  '儿科',
  '妇产科',
  '检验科',
  '放射科',
  '药剂科',
  '门诊药房',
  '住院药房',
  '财务科',
  '信息科',
  '体检中心',
  '收费处',
  '手术室',
  'ICU',
] as const;
export const DEVICES = ['打印机', '交换机', '服务器', '读卡器', '扫码枪', '自助机', '工作站'] as const;

export const OPENINGS = [
  '今天上午{t}起，',
  '{t}左右开始，',
  '夜班期间，',
  '系统升级后，',
  '从昨天下午起，',
  '早高峰时，',
  '月末结账时，',
] as const;
export const DETAILS = [
  '{d}多名用户反映{s}提示“连接数据库失败”，业务受影响。',
  '{d}窗口排队严重，请尽快处理。',
  '重启客户端后问题依旧，其余科室暂时正常。',
  '{e}指示灯正常，但{s}无响应。',
  '报错信息：“违反唯一约束”，无法继续操作。',
  '已尝试重新登录和重启电脑，没有效果。',
  '影响当日收费和医保结算，患者投诉较多。',
  '信息科已检查网络，ping 服务器丢包严重。',
  '需要贵公司工程师远程协助排查。',
  '怀疑与昨晚的补丁升级有关。',
  '{d}的{e}频繁掉线，需要上门检修。',
] as const;

export const REPLIES = [
  '您好，已收到，工程师正在远程排查，请保持电话畅通。',
  '已远程登录服务器查看，{s}服务进程异常，重启后恢复，请观察。',
  '请提供报错截图和出错时间，便于定位问题。',
  '已联系现场工程师，预计两小时内到达。',
  '经排查为网络交换机端口故障，已更换端口，恢复正常。',
  '数据库事务日志已满，已清理并收缩日志，业务恢复。',
  '打印机驱动版本不兼容，已重新安装驱动，打印正常。',
  '已发布补丁，请在所有客户端更新后重新登录。',
  '医保接口证书过期，已协助更新证书，结算恢复。',
  '该问题为操作问题，已电话指导用户完成设置。',
] as const;
export const NOTES = [
  '内部：疑似升级脚本缺陷，已提交研发。',
  '内部：客户机房无UPS，建议销售跟进。',
  '内部：同类问题本月第三次，需回访。',
  '内部：数据库版本过旧，建议升级。',
] as const;
export const RESOLUTIONS = [
  '重启{s}服务并调整数据库连接池上限，业务恢复正常。',
  '清理服务器磁盘空间并配置日志自动清理作业。',
  '更换{d}打印机硬件，打印恢复。',
  '从最近的全量备份和日志备份恢复数据库，业务恢复。',
  '修正{s}参数配置，已回访确认正常。',
  '更新医保接口版本，结算恢复正常。',
  '更换故障交换机，网络恢复。',
  '指导用户完成操作，问题解决。',
] as const;

/** About one request in ten is written in English (international clinics, vendor integrators). */
export const ENGLISH_TITLES = [
  'HIS login timeout after upgrade',
  'Printer offline in outpatient pharmacy',
  'Database suspect after power failure',
  'LIS interface connection lost',
  'PACS images not loading',
  'Insurance settlement fails with error 500',
  'Network switch down in ward',
  'Report export is very slow',
  'Password reset request',
  'Self-service kiosk card reader error',
] as const;
export const ENGLISH_DETAILS = [
  'Users cannot sign in since this morning; the client shows a connection timeout.',
  'The printer queue is stuck and invoices cannot be printed.',
  'After the upgrade the application crashes when saving orders.',
  'Please send an engineer on site, the clinic is blocked.',
  'The database server CPU is at 100% during peak hours.',
] as const;
