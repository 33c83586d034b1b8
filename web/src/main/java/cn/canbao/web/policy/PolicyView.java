package cn.canbao.web.policy;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import cn.canbao.web.platform.Texts;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/** {@code policy/view.xhtml?id=}: one policy as the notice's tables (tiers, windows, catalogue, exemptions, scoring). */
@Named
@ViewScoped
public class PolicyView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient Policies policies;

    private String id;
    private transient Policy policy;

    /** f:viewAction: reads the policy named by the {@code id} parameter. */
    public void load() {
        if (policy != null) {
            return;
        }
        try {
            policy = policies.policy(id);
        } catch (ProblemException problem) {
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_WARN, Texts.refusal(problem), null));
        }
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Policy getPolicy() {
        return policy;
    }
}
