package cn.canbao.collection.entity;

import cn.canbao.enrollment.entity.Enrollment;
import org.eclipse.persistence.config.DescriptorCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;

/**
 * {@code payment.enrollment_id} references {@code enrollment} through a plain id column, not a mapped relationship, so
 * EclipseLink knows no order between the two tables. A payment of a person not yet enrolled persists the enrollment
 * and the payment in one flush (docs/payments.md): enrollments must be inserted first.
 */
public class PaymentCommitOrder implements DescriptorCustomizer {

    @Override
    public void customize(ClassDescriptor descriptor) {
        descriptor.addConstraintDependency(Enrollment.class);
    }
}
