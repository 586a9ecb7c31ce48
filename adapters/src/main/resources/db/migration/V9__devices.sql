-- Devices and their push tokens (issue 5, calls): one row per (user, device id the app chose), at least one token.
-- A token that APNs or FCM refuses for good is set to null; a row left with no token is deleted.

CREATE TABLE device (
    user_id         VARCHAR(255)  NOT NULL,
    device_id       VARCHAR(128)  NOT NULL,
    platform        VARCHAR(16)   NOT NULL,
    fcm_token       VARCHAR(4096),
    apns_voip_token VARCHAR(200),
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT device_pk PRIMARY KEY (user_id, device_id),
    CONSTRAINT device_platform CHECK (platform IN ('ios', 'android')),
    CONSTRAINT device_has_token CHECK (fcm_token IS NOT NULL OR apns_voip_token IS NOT NULL)
);
