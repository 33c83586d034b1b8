package cn.canbao.platform.boundary;

/** The roles of the Canbao security domain (Elytron, see config/cli/03-security.cli). */
public final class Roles {
    public static final String CLERK = "clerk";
    public static final String TOWN_OFFICER = "town_officer";
    public static final String DISTRICT_ADMIN = "district_admin";
    public static final String DEPARTMENT = "department";
    public static final String TAX = "tax";
    public static final String SUPERVISOR = "supervisor";
    public static final String OPERATOR = "operator";
    public static final String INTEGRATION = "integration";

    public static final String[] ALL = {CLERK, TOWN_OFFICER, DISTRICT_ADMIN, DEPARTMENT, TAX, SUPERVISOR, OPERATOR, INTEGRATION};

    private Roles() {
    }
}
