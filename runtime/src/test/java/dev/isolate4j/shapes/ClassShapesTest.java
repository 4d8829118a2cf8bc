package dev.isolate4j.shapes;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.InProcessExtension;
import dev.isolate4j.shapes.ClassShapes.Account;
import dev.isolate4j.shapes.ClassShapes.Employee;
import dev.isolate4j.shapes.ClassShapes.Savings;
import org.junit.jupiter.api.Test;

/** A class crosses with the fields its superclasses declare. */
class ClassShapesTest {
    public static final class Mirror extends ExtensionBase implements ClassShapes {
        @Override
        public Employee employee(Employee employee) {
            return employee;
        }

        @Override
        public Account account(Account account) {
            return account;
        }
    }

    @Test
    void superclassFieldsCrossBothWays() throws Exception {
        try (InProcessExtension<ClassShapes> extension = InProcessExtension.start(ClassShapes.class, new Mirror())) {
            ClassShapes shapes = extension.proxy();
            Savings savings = new Savings();
            savings.cents = 12_345;
            savings.rate = 0.5;

            Employee employee = shapes.employee(new Employee("Ada", 7));
            Account account = shapes.account(savings);

            assertThat(employee.name).isEqualTo("Ada");
            assertThat(employee.id).isEqualTo(7);
            assertThat(account).isInstanceOf(Savings.class);
            assertThat(account.cents).isEqualTo(12_345);
            assertThat(((Savings) account).rate).isEqualTo(0.5);
        }
    }
}
