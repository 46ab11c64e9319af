namespace OwnerPortal.Core.Domain.Estates;

/// <summary>A managed residential estate (管理处/楼盘).</summary>
public class Estate : IAuditable
{
    public int Id { get; set; }
    /// <summary>Short code used in case references, e.g. HY in HY-2026-00042.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public decimal FloorAreaM2 { get; set; }
    public required string OfficePhone { get; set; }
    public required string OfficeHours { get; set; }
    /// <summary>IANA zone; null means the company default.</summary>
    public string? TimeZone { get; set; }

    public List<Building> Buildings { get; } = [];
    public List<PublicArea> PublicAreas { get; } = [];
    public List<Department> Departments { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }
}

public class Building
{
    public int Id { get; set; }
    public int EstateId { get; set; }
    /// <summary>Building number as residents say it, e.g. "3".</summary>
    public required string Name { get; set; }
    public int Floors { get; set; }
    public List<Unit> Units { get; } = [];
}

/// <summary>A flat / household (房号), e.g. 3-2-1203: building 3, entrance 2, room 1203.</summary>
public class Unit
{
    public int Id { get; set; }
    public int EstateId { get; set; }
    public int BuildingId { get; set; }
    public required string Number { get; set; }
    public int Floor { get; set; }
    public decimal AreaM2 { get; set; }
}

public enum PublicAreaKind { Lobby, Lift, Garage, Garden, Playground, Clubhouse, Corridor, Roof, Gate, Road, Other }

/// <summary>A shared place of an estate that a case can be about.</summary>
public class PublicArea
{
    public int Id { get; set; }
    public int EstateId { get; set; }
    public PublicAreaKind Kind { get; set; }
    /// <summary>The estate's own name for it, e.g. "3号楼大堂".</summary>
    public required string Name { get; set; }
}

public enum DepartmentKind { Engineering, Cleaning, Security, Greening, CustomerService }

public class Department
{
    public int Id { get; set; }
    public int EstateId { get; set; }
    public DepartmentKind Kind { get; set; }
    public required string Name { get; set; }
}
