package app.hearth.adapters.devices.config;

import app.hearth.application.devices.DeviceRegistry;
import app.hearth.application.devices.Devices;
import app.hearth.application.devices.DevicesMemberListener;
import app.hearth.application.devices.DevicesService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the device registration use cases (the incoming-call push is built in adapters.push). */
@Configuration(proxyBeanMethods = false)
public class DevicesConfiguration {

    @Bean
    Devices devices(DeviceRegistry devices, Clock clock) {
        return new DevicesService(devices, clock);
    }

    /** Closing an account erases its devices and push tokens. */
    @Bean
    DevicesMemberListener devicesMemberListener(DeviceRegistry devices) {
        return new DevicesMemberListener(devices);
    }
}
