package io.clearpost;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ClearpostApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClearpostApplication.class, args);
    }
}
