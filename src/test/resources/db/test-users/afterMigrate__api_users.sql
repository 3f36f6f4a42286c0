-- The accounts of the HTTP and browser suites (src/test/java/org/safetystats/ApiUsers.java), for tests only:
-- admin:admin-secret (ADMIN), viewer:viewer-secret (VIEWER), clerk:clerk-secret (CLERK of 14320).
INSERT INTO ops.app_user (user_name, password_hash, role) VALUES
    ('admin', '{bcrypt}$2a$10$Rzodt8VPkDPFvzzfXY0Cku437T/YYku3kmUVCvbIvSRsYTtRGVkXe', 'ADMIN'),
    ('viewer', '{bcrypt}$2a$10$IEteSMg8mzo4rr/G7lPz/.SPkmy5Dxl3RKS6kgQ4BnRFW9kARUPDW', 'VIEWER'),
    ('clerk', '{bcrypt}$2a$10$RDKUidzBHJFNbrej7bSdKOu3RG20K6YNFJLNdyNQSzzQ.Unb73b1e', 'CLERK')
ON CONFLICT (user_name) DO NOTHING;
INSERT INTO ops.app_user_unit (user_name, unit_code) VALUES ('clerk', '14320') ON CONFLICT DO NOTHING;
