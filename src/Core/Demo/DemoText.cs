using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;

namespace OwnerPortal.Core.Demo;

/// <summary>Realistic Chinese names, phone numbers and case texts for the demo and scale data.</summary>
internal static class DemoText
{
    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
         "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
         "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "欧阳", "司马"];
    private static readonly string[] GivenChars =
        ["伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
         "霞", "平", "刚", "桂", "文", "华", "建", "国", "红", "志", "海", "玲", "俊", "鹏", "宇", "浩", "晨", "欣", "怡", "子",
         "梓", "涵", "雨", "思", "佳", "嘉", "博", "昊", "睿", "琳", "婷", "雪", "慧", "晓", "春", "梅", "德", "福", "荣", "斌"];
    private static readonly string[] PhonePrefixes =
        ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "158", "159",
         "166", "176", "177", "180", "181", "185", "186", "187", "188", "189", "191", "199"];

    public static string PersonName(Random r)
    {
        var given = GivenChars[r.Next(GivenChars.Length)];
        if (given.Length == 1 && r.Next(3) > 0) given += GivenChars[r.Next(GivenChars.Length)][0];
        return Surnames[r.Next(Surnames.Length)] + given;
    }

    public static string Phone(Random r) => PhonePrefixes[r.Next(PhonePrefixes.Length)] + r.Next(0, 100_000_000).ToString("D8");

    public static readonly (string Code, string Name, string Address, decimal Area)[] DemoEstates =
    [
        ("HY", "华苑新城", "深圳市南山区科苑南路 3088 号", 186_500m),
        ("BHW", "碧海湾花园", "深圳市福田区海园一路 168 号", 72_300m),
        ("CZY", "翠竹园", "深圳市罗湖区翠竹路 2041 号", 48_900m),
    ];

    public static readonly (PublicAreaKind Kind, string Name)[] PublicAreas =
    [
        (PublicAreaKind.Lobby, "1号楼大堂"), (PublicAreaKind.Lobby, "2号楼大堂"), (PublicAreaKind.Lift, "1号楼电梯"),
        (PublicAreaKind.Lift, "2号楼电梯"), (PublicAreaKind.Garage, "地下车库"), (PublicAreaKind.Garden, "中心花园"),
        (PublicAreaKind.Playground, "儿童游乐场"), (PublicAreaKind.Clubhouse, "会所"), (PublicAreaKind.Gate, "小区正门"),
        (PublicAreaKind.Road, "主干道"), (PublicAreaKind.Roof, "楼顶天台"), (PublicAreaKind.Other, "垃圾收集站"),
    ];

    public static readonly (DepartmentKind Kind, string Name)[] Departments =
    [
        (DepartmentKind.Engineering, "工程部"), (DepartmentKind.Cleaning, "保洁部"), (DepartmentKind.Security, "安保部"),
        (DepartmentKind.Greening, "绿化部"), (DepartmentKind.CustomerService, "客服中心"),
    ];

    public static DepartmentKind DepartmentFor(CaseCategory category) => category switch
    {
        CaseCategory.Facilities => DepartmentKind.Engineering,
        CaseCategory.Sanitation => DepartmentKind.Cleaning,
        CaseCategory.Greening => DepartmentKind.Greening,
        CaseCategory.Security => DepartmentKind.Security,
        _ => DepartmentKind.CustomerService,
    };

    private static readonly Dictionary<CaseCategory, string[]> PublicComplaints = new()
    {
        [CaseCategory.ServiceAttitude] = ["{0}的保安态度生硬，询问事情时不理不睬", "前台客服电话多次无人接听，{0}的问题一直没人跟进"],
        [CaseCategory.Facilities] = ["{0}的照明灯坏了一周还没修，晚上很黑很危险", "{0}地面积水严重，排水口堵塞", "{0}的门禁经常失灵，刷卡进不去"],
        [CaseCategory.Sanitation] = ["{0}垃圾堆放两天没有清运，气味很大", "{0}地面很脏，保洁打扫不及时", "{0}有大量小广告没有清理"],
        [CaseCategory.Greening] = ["{0}的草坪长期没有修剪，杂草丛生", "{0}的树枝遮挡了道路和路灯", "{0}喷洒农药没有提前通知"],
        [CaseCategory.Security] = ["{0}夜间有陌生人随意进出，没人登记", "{0}有车辆乱停乱放堵住消防通道", "{0}的监控摄像头坏了"],
        [CaseCategory.Charges] = ["{0}的停车费收费标准不清楚，要求公示", "{0}公共水电分摊费用明显偏高"],
        [CaseCategory.NeighbourDispute] = ["邻居在{0}堆放杂物，多次沟通无果", "有人在{0}遛狗不牵绳，也不清理粪便"],
        [CaseCategory.Other] = ["{0}装修噪音在午休时间仍然很大", "{0}的公告栏信息长期不更新"],
    };

    private static readonly Dictionary<CaseCategory, string[]> UnitComplaints = new()
    {
        [CaseCategory.ServiceAttitude] = ["上门维修师傅态度很差，修完没有清理现场", "客服答应回电，但一直没有回复"],
        [CaseCategory.Facilities] = ["家里卫生间天花板漏水，楼上说不是他们的问题", "入户门对讲机没有声音", "阳台排水管堵塞，下雨时往屋里倒灌"],
        [CaseCategory.Sanitation] = ["门口的垃圾每天都没有及时收走", "楼道里的消毒水味道太重，家里老人受不了"],
        [CaseCategory.Greening] = ["窗外的树长得太高，挡住了家里的采光", "楼下草坪浇水时水溅进一楼窗户"],
        [CaseCategory.Security] = ["家门口夜里有人敲门，怀疑有人踩点", "快递经常在门口被人拿走"],
        [CaseCategory.Charges] = ["物业费账单上多收了一个月的费用", "水费读数明显不对，要求重新抄表"],
        [CaseCategory.NeighbourDispute] = ["楼上住户深夜噪音很大，影响休息", "对门邻居在走廊堆放鞋柜，占用公共空间"],
        [CaseCategory.Other] = ["快递柜经常满格，取不到件", "家里收不到物业的通知短信"],
    };

    private static readonly string[] Repairs =
        ["厨房水龙头漏水，需要更换", "卫生间马桶堵塞", "客厅插座没电", "空调外机支架松动，有安全隐患", "入户门锁芯坏了，打不开门",
         "热水器打不着火", "阳台晾衣架摇不下来", "窗户合页断了，关不严", "卫生间地漏返臭味", "电闸经常跳闸"];
    private static readonly string[] PublicRepairs =
        ["{0}的电梯按钮失灵", "{0}的楼道灯不亮", "{0}的消防门闭门器坏了", "{0}的自来水管爆裂漏水", "{0}的道闸不抬杆"];
    private static readonly string[] Suggestions =
        ["建议在{0}增加电动车充电桩", "建议{0}增设休息座椅", "建议在{0}加装监控，提高安全", "建议{0}周末开放时间延长到晚上十点",
         "建议在{0}设置快递临时存放点", "建议{0}多种一些开花的植物"];

    public static string Description(Random r, CaseType type, CaseCategory category, string? place)
    {
        string[] pool = type switch
        {
            CaseType.Suggestion => Suggestions,
            CaseType.RepairRequest => place is null ? Repairs : PublicRepairs,
            _ => place is null ? UnitComplaints[category] : PublicComplaints[category],
        };
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, pool[r.Next(pool.Length)], place ?? "小区");
    }

    public static readonly string[] AcknowledgeReplies =
        ["您好，您的反映已收到，我们已安排相关部门跟进，请保持电话畅通。", "您好，已受理，工作人员会尽快联系您。", "收到，感谢您的反馈，我们会在承诺时间内处理。"];
    public static readonly string[] Plans =
        ["安排维修人员上门查看并维修", "安排保洁人员加强清扫并每日巡查", "调取监控并加强巡逻，约谈相关人员", "联系供应商更换配件后修复",
         "与当事双方沟通协调，达成处理意见", "发函给开发商要求整改，持续跟进"];
    public static readonly string[] ResolvedNotes = ["已处理完毕，现场已恢复正常。", "已更换配件，经测试正常使用。", "已与业主沟通，问题已解决。"];
    public static readonly string[] VerificationFailReasons = ["回访发现问题未彻底解决，退回重新处理", "现场仍有遗留问题，要求返工"];
    public static readonly string[] SuggestionAdoptedReplies = ["感谢您的建议，已采纳，将在下月实施。", "建议很好，已列入本年度改造计划。"];
    public static readonly string[] SuggestionDeclinedReplies = ["感谢建议。经评估，受场地限制暂无法实施。", "感谢建议。该事项需业主大会表决，已转交业委会。"];
}
