package dev.isolate4j.shapes;

import dev.isolate4j.annotations.Callee;

/** Classes with superclasses that hold fields of their own: each method returns its argument. */
@Callee
public interface ClassShapes {
    class PersonBase {
        String name;
    }

    final class Employee extends PersonBase {
        int id;

        public Employee() {}

        public Employee(String name, int id) {
            this.name = name;
            this.id = id;
        }

        @Override
        public String toString() {
            return name + "#" + id;
        }
    }

    abstract sealed class Account permits Savings {
        long cents;
    }

    final class Savings extends Account {
        double rate;
    }

    Employee employee(Employee employee);

    Account account(Account account);
}
