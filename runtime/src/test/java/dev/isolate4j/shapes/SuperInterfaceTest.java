package dev.isolate4j.shapes;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.InProcessExtension;
import org.junit.jupiter.api.Test;

/** An object exported as one @Callee interface answers calls through its @Callee super-interfaces. */
class SuperInterfaceTest {
    public static final class Kennel extends ExtensionBase implements Animal.Keeper {
        @Override
        public String register(String name) {
            registerCallee(
                    new Animal.Dog() {
                        @Override
                        public String name() {
                            return name;
                        }

                        @Override
                        public String bark() {
                            return name + ": woof";
                        }
                    },
                    name); // one @Callee interface: Dog, which stands for Animal too
            return name;
        }
    }

    @Test
    void aDogIsCalledAsADogAndAsAnAnimal() throws Exception {
        try (InProcessExtension<Animal.Keeper> kennel = InProcessExtension.start(Animal.Keeper.class, new Kennel())) {
            String id = kennel.proxy().register("rex");

            Animal animal = kennel.createCaller(Animal.class, id);
            Animal.Dog dog = kennel.createCaller(Animal.Dog.class, id);

            assertThat(animal.name()).isEqualTo("rex");
            assertThat(dog.bark()).isEqualTo("rex: woof");
            assertThat(dog.name()).isEqualTo("rex");
        }
    }
}
