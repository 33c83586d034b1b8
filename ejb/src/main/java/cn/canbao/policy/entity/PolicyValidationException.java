package cn.canbao.policy.entity;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document that fails the load checks (HTTP 422 on PUT), carrying every violation found. */
public class PolicyValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String policyId;
    private final List<PolicyViolation> violations;

    public PolicyValidationException(String policyId, List<PolicyViolation> violations) {
        super("policy " + policyId + " refused: " + violations.stream().map(PolicyViolation::toString)
                .collect(Collectors.joining("; ")));
        this.policyId = policyId;
        this.violations = List.copyOf(violations);
    }

    public String policyId() {
        return policyId;
    }

    public List<PolicyViolation> violations() {
        return violations;
    }
}
