-- Hibernate's default naming (order_lines_seq, INCREMENT 50) and an Oracle-style trigger:
-- the catalog links neither sequence to a column.
CREATE SEQUENCE order_lines_seq INCREMENT 50;
CREATE TABLE order_lines (id bigint PRIMARY KEY);
CREATE SEQUENCE invoice_ids;
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric);
CREATE FUNCTION invoices_assign_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        NEW.id := nextval('invoice_ids');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoices_id BEFORE INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_assign_id();
