package cn.canbao.integration.boundary;

import cn.canbao.platform.boundary.ProblemException;

/** A refusal as a SOAP fault: the HTTP status the REST API would give, the stable code and the bilingual message. */
public class CanbaoFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public CanbaoFault(ProblemException problem) {
        super(problem.getMessage());
        this.status = problem.kind().status;
        this.code = problem.code();
    }

    public int getStatus() { return status; }
    public String getCode() { return code; }
}
