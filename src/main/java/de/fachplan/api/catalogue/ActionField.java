package de.fachplan.api.catalogue;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An action field (Handlungsfeld) of a plan, with its one-letter code (M, R, B, W, ...). */
@Entity
@Table(name = "action_field")
public class ActionField extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    @Column(nullable = false)
    public String code;

    @Column(name = "name_de", nullable = false)
    public String nameDe;

    @Column(name = "name_en")
    public String nameEn;

    /** The field's place in the plan's order, which is also the order of measure codes. */
    @Column(nullable = false)
    public int position;

    /** The number the next measure of this field gets; numbers are never reused. */
    @Column(name = "next_number", nullable = false)
    public int nextNumber = 1;

    /** Takes the next measure number. Callers hold a write lock on this row. */
    public int takeNumber() {
        return nextNumber++;
    }

    /** Records that a measure took {@code number} explicitly, so that no later one gets it again. */
    public void reserve(int number) {
        nextNumber = Math.max(nextNumber, number + 1);
    }
}
