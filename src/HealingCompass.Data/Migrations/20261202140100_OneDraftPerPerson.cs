using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealingCompass.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneDraftPerPerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A database may already hold two or more drafts for one person (rows moved or copied in the
            // file; the app itself never made a second one). Keep the one saved most recently (latest
            // UpdatedUtc, then CreatedUtc, then Id, so the choice is the same on every run) and delete the
            // rest: none could be opened by "resume" while there were two, and a hidden copy the person
            // cannot see or delete would break "deleted means gone". secure_delete and the checkpoint after
            // deletes remove their bytes from the files.
            migrationBuilder.Sql(
                """
                DELETE FROM "SavedAssessments"
                WHERE "IsDraft" = 1 AND "Id" <> (
                    SELECT "Keep"."Id" FROM "SavedAssessments" AS "Keep"
                    WHERE "Keep"."UserId" = "SavedAssessments"."UserId" AND "Keep"."IsDraft" = 1
                    ORDER BY "Keep"."UpdatedUtc" DESC, "Keep"."CreatedUtc" DESC, "Keep"."Id" DESC
                    LIMIT 1);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_SavedAssessments_OneDraftPerPerson",
                table: "SavedAssessments",
                column: "UserId",
                unique: true,
                filter: "\"IsDraft\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SavedAssessments_OneDraftPerPerson",
                table: "SavedAssessments");
        }
    }
}
